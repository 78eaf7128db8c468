package dev.braeburn.server.http.jetty;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.http.TransportFailures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Jetty 12 on virtual threads: turns HTTP exchanges into {@link ApiRequest}s and writes {@link
 * ApiResponse}s back. Bodies are capped (413 in Apple's format); Jetty's own rejections (bad URI,
 * oversized headers) go through {@link AppleErrorHandler} so they too look like Apple's errors.
 *
 * <p>Keep-alive connections stay usable after a refusal wherever Jetty allows it: URI compliance is
 * relaxed to {@link UriCompliance#UNSAFE}, so ambiguous paths (an encoded slash {@code %2F}, empty
 * {@code //} segments, UTF-16 {@code %u} escapes, overlong UTF-8) reach this class, which refuses
 * exactly what Jetty's default compliance refused, with the same 400 — but as an ordinary response
 * on an open connection. What Jetty's parser cannot take at all is answered by {@link
 * AppleErrorHandler} with {@code Connection: close}.
 */
public final class JettyTransport implements AutoCloseable {
  /** Request bodies above this are refused; App Store Connect's JSON bodies are a few KB. */
  public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  /** Request line plus headers; a longer URI is 414, longer headers 431 (Jetty's answers, with Connection: close). */
  public static final int MAX_HEADER_BYTES = 64 * 1024;

  /**
   * A snapshot load ({@code POST /_braeburn/snapshot}) carries a whole server's state. The body is
   * held in memory, so it is capped too, but far higher; the CLI sends it gzip-compressed (JSON
   * shrinks about tenfold), which makes the cap some millions of resources.
   */
  public static final int MAX_SNAPSHOT_BODY_BYTES = 256 * 1024 * 1024;

  /** Upload URLs ({@code family.uploads}): the body is one part of a file, at most 5 MiB. */
  public static final String UPLOAD_PART_PREFIX = "/_uploads/";
  public static final int MAX_UPLOAD_PART_BODY_BYTES = 5 * 1024 * 1024;

  /** The largest body a request to {@code path} may have. */
  public static int maxBodyBytes(String path) {
    if (path.startsWith(UPLOAD_PART_PREFIX)) {
      return MAX_UPLOAD_PART_BODY_BYTES; // an upload part is 5 MiB (protocol.md §6.3); a larger body is no part
    }
    return path.equals("/_braeburn/snapshot") ? MAX_SNAPSHOT_BODY_BYTES : MAX_BODY_BYTES;
  }

  private final Server server;
  private final HttpConfiguration http;
  private final ServerConnector connector;
  private ServerConnector tlsConnector;
  private ServerConnector proxyConnector;

  public JettyTransport(String host, int port, RequestHandler handler, RequestHandler tooLarge, TransportFailures failures) {
    VirtualThreadPool threads = new VirtualThreadPool();
    threads.setName("braeburn");
    server = new Server(threads);
    http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setUriCompliance(UriCompliance.UNSAFE); // refused in handle(), so the connection stays open
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(new AppleErrorHandler(failures));
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (ambiguous(request.getHttpURI())) {
          boolean drained = drain(request, request.getLength());
          write(ApiResponse.json(400, AppleErrorHandler.body(400)), drained, response, callback);
          return true;
        }
        Body body = readBody(request);
        ApiRequest apiRequest = toApiRequest(request, body.bytes() == null ? NO_BODY : body.bytes());
        ApiResponse apiResponse = body.bytes() == null ? tooLarge.handle(apiRequest) : handler.handle(apiRequest);
        write(apiResponse, body.consumed(), response, callback);
        return true;
      }
    });
  }

  /**
   * Adds an HTTPS connector (HTTP/1.1 over TLS) beside the plain one, serving {@code keyStore}'s
   * key and chain; call before {@link #start}. Requests on it have the scheme https, so links in
   * documents do too. The SNI host check is off: a client may reach Braeburn by any name it chose
   * to trust (the certificate names localhost, 127.0.0.1, ::1 and Apple's hosts).
   */
  public void addTls(String host, int port, KeyStore keyStore, String password) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(keyStore);
    tls.setKeyStorePassword(password);
    tls.setSniRequired(false);
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    tlsConnector = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
        new HttpConnectionFactory(https));
    tlsConnector.setHost(host);
    tlsConnector.setPort(port);
    server.addConnector(tlsConnector);
  }

  /**
   * Adds the proxy for Apple's {@code hosts} on {@code 127.0.0.1:port} (see {@link AppleHostProxy});
   * call after {@link #addTls}, before {@link #start}. Tunnels end at the HTTPS connector, reached
   * at {@code tlsHost} (loopback when it listens on every interface).
   */
  public void addProxy(int port, List<String> hosts, String tlsHost, AppleHostProxy.Refusals refusals, boolean diagnose) {
    if (tlsConnector == null) {
      throw new IllegalStateException("the proxy tunnels to the HTTPS connector: add it first");
    }
    ServerConnector proxy = new ServerConnector(server, new HttpConnectionFactory(http));
    proxy.setHost("127.0.0.1");
    proxy.setPort(port);
    server.addConnector(proxy);
    proxyConnector = proxy;
    server.setHandler(new AppleHostProxy(server.getHandler(), () -> proxyConnector, hosts,
        () -> new InetSocketAddress(tlsHost, tlsConnector.getLocalPort()), refusals, diagnose));
  }

  /** The proxy's port, or -1 without one. */
  public int proxyPort() {
    return proxyConnector == null ? -1 : proxyConnector.getLocalPort();
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The HTTPS connector's port, or -1 without one. */
  public int tlsPort() {
    return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /**
   * A URI with a violation Jetty's default compliance refuses (it answered 400 and so does this
   * class). Apple's answer to such paths is not recorded (inferred: the same 400 as before).
   */
  static boolean ambiguous(HttpURI uri) {
    return uri.hasViolations() && uri.getViolations().stream().anyMatch(v -> !UriCompliance.DEFAULT.allows(v));
  }

  private static final byte[] NO_BODY = new byte[0];
  private static final long DRAIN_BYTES = 32L * 1024 * 1024;

  /** A request body: {@code bytes} null when it exceeds {@link #maxBodyBytes}; {@code consumed} false when part of it is still unread. */
  private record Body(byte[] bytes, boolean consumed) {}

  private static Body readBody(Request request) throws IOException {
    int limit = maxBodyBytes(request.getHttpURI().getPath());
    long declared = request.getLength();
    if (declared > limit) {
      return new Body(null, drain(request, declared));
    }
    if (declared == 0 || declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
      return new Body(NO_BODY, true); // HTTP/1.1: a request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3)
    }
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        return new Body(null, discard(in, DRAIN_BYTES));
      }
      return new Body(bytes, true);
    }
  }

  /**
   * Reads and drops an oversized body (up to {@value #DRAIN_BYTES} bytes) before the 413 goes out:
   * a server that answers while the client is still sending resets the connection, and the client
   * sees no response at all instead of Apple's 413. True when the whole body was read.
   */
  private static boolean drain(Request request, long declared) throws IOException {
    if (declared > DRAIN_BYTES) {
      return false;
    }
    try (InputStream in = Request.asInputStream(request)) {
      return discard(in, DRAIN_BYTES);
    }
  }

  /** Drops at most {@code atMost} bytes of {@code in}; true when its end was reached. */
  private static boolean discard(InputStream in, long atMost) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; total <= atMost; total += n) {
      if ((n = in.read(buffer)) < 0) {
        return true;
      }
    }
    return false;
  }

  private static ApiRequest toApiRequest(Request request, byte[] body) {
    HttpURI uri = request.getHttpURI();
    Map<String, String> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + ", " + b);
    }
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
    String authority = headers.getOrDefault("host", uri.getAuthority());
    return new ApiRequest(request.getMethod(), uri.getPath(), uri.getQuery(), headers, body, scheme + "://" + authority);
  }

  /**
   * {@code consumed} false: the rest of the body is still on the connection and is no next request,
   * so Jetty closes it afterwards — the answer says so (RFC 9112 §9.6), or the client's next request
   * on it would fail.
   */
  private static void write(ApiResponse apiResponse, boolean consumed, Response response, Callback callback) {
    if (apiResponse.delivery() != dev.braeburn.server.http.Delivery.WHOLE) {
      InjectedNetworkFaults.deliver(apiResponse, response, callback);
      return;
    }
    response.setStatus(apiResponse.status());
    apiResponse.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    if (!consumed) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(apiResponse.body()), callback);
  }
}
