package dev.braeburn.server.http.jetty;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The proxy mode ({@code serve --proxy}), in front of the API handler: requests on the proxy's
 * connector (loopback only) are proxy requests, every other connector's go straight to the API.
 *
 * <ul>
 *   <li>{@code CONNECT host:443} for one of Apple's hosts is tunnelled to Braeburn's own HTTPS
 *       connector — so a client configured only with {@code HTTPS_PROXY} and Braeburn's root does TLS
 *       with Braeburn's certificate for Apple's name, sends {@code Host: api.appstoreconnect.apple.com}
 *       and gets links on Apple's host.
 *   <li>An absolute-form {@code GET https://api.appstoreconnect.apple.com/…} sent in plain text (what
 *       axios does with its {@code proxy} option, so Expo's {@code EXPO_APP_STORE_USE_PROXY}; what
 *       Charles and mitmproxy accept) is answered by the API as that https URL.
 * </ul>
 *
 * <p>It never connects anywhere but that connector: every other host, port, a plain-http URL (Apple's
 * hosts are https-only; answering one would send links the client then follows over http) and a
 * request that is no proxy request is refused with 403, a plain-text body and {@code
 * X-Braeburn-Diagnosis} naming the hosts served, and reported to {@link Refusals} (the journal).
 */
public final class AppleHostProxy extends ConnectHandler {
  /** Told of every refusal: method, the target as the client named it, the explanation. */
  public interface Refusals {
    void refused(String method, String target, String diagnosis);
  }

  private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]", "::1");

  private final Supplier<Connector> proxyConnector;
  private final List<String> hosts;
  private final Supplier<InetSocketAddress> tunnelTo;
  private final Refusals refusals;
  private final boolean diagnose;

  /**
   * @param hosts the host names served, lower case
   * @param tunnelTo Braeburn's HTTPS connector (asked per tunnel: its port is known once it started)
   * @param diagnose false ({@code --strict-wire}): no {@code X-Braeburn-Diagnosis} header; the body still says why
   */
  AppleHostProxy(Handler api, Supplier<Connector> proxyConnector, List<String> hosts, Supplier<InetSocketAddress> tunnelTo,
      Refusals refusals, boolean diagnose) {
    super(api);
    this.proxyConnector = proxyConnector;
    this.hosts = List.copyOf(hosts);
    this.tunnelTo = tunnelTo;
    this.refusals = refusals;
    this.diagnose = diagnose;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getConnectionMetaData().getConnector() != proxyConnector.get()) {
      return getHandler().handle(request, response, callback);
    }
    HttpURI uri = request.getHttpURI();
    String method = request.getMethod();
    if (HttpMethod.CONNECT.is(method)) {
      if (validateDestination(uri.getHost(), uri.getPort())) {
        return super.handle(request, response, callback);
      }
      String target = uri.getHost() + ":" + uri.getPort();
      return refuse(method, target, "Braeburn's proxy tunnels only to Apple's hosts on port 443 (" + String.join(", ", hosts)
          + "), answered by Braeburn itself; it never connects to " + target + " or anywhere off this machine.", response, callback);
    }
    // Jetty gives an origin-form request the connection's scheme (http here) and the Host header's
    // authority, so only an absolute-form https URL arrives with https on this plain connector.
    if ("https".equalsIgnoreCase(uri.getScheme()) && served(uri.getHost()) && (uri.getPort() == 443 || uri.getPort() <= 0)) {
      return getHandler().handle(request, response, callback);
    }
    String why = served(uri.getHost())
        ? "Apple's hosts answer over https only: ask for https://" + uri.getHost() + uri.getPathQuery() + " through this proxy."
        : LOOPBACK.contains(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT))
            ? "This is Braeburn's proxy port: it answers CONNECT for " + String.join(", ", hosts) + "; the API itself is on Braeburn's"
                + " http and https ports."
            : "Braeburn's proxy serves only Apple's hosts (" + String.join(", ", hosts) + "), over https; it never forwards to "
                + uri.getHost() + " or anywhere off this machine.";
    return refuse(method, uri.toString(), why, response, callback);
  }

  @Override
  public boolean validateDestination(String host, int port) {
    return port == 443 && served(host);
  }

  private boolean served(String host) {
    return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
  }

  /** Every tunnel, whatever host it was allowed for, ends at Braeburn's HTTPS connector. */
  @Override
  protected InetSocketAddress newConnectAddress(String host, int port) {
    return tunnelTo.get();
  }

  private boolean refuse(String method, String target, String why, Response response, Callback callback) {
    refusals.refused(method, target, why);
    response.setStatus(403);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    if (diagnose) {
      response.getHeaders().put("X-Braeburn-Diagnosis", why);
    }
    response.write(true, ByteBuffer.wrap((why + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
