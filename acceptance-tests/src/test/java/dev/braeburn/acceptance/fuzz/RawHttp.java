package dev.braeburn.acceptance.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection that writes a {@link FuzzRequest} byte for byte, as a buggy
 * client would, and reads the answer by Content-Length or chunks. It notices what a client
 * notices: a response that does not come within the bound (a hang), and a connection the server
 * closed after a response that did not say {@code Connection: close} (the client's next request
 * on it fails; RFC 9112 §9.6 asks a server to announce the close). The JDK's HttpClient would
 * silently retry that next request, so it cannot be used for this.
 */
public final class RawHttp implements AutoCloseable {
  /** The most a response body may have before the connection gives up reading (a whole-server snapshot is the largest). */
  private static final int MAX_BODY = 256 << 20;

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  /** The previous exchange on this connection, for blaming a silent close on it. */
  private String previous;

  public RawHttp(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** A response, or what went wrong at the connection level. */
  public record Exchange(int status, Map<String, String> headers, byte[] body, long nanos, String silentClose) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The response did not arrive within the bound. */
  public static final class Hang extends IOException {
    Hang(String message) {
      super(message);
    }
  }

  /**
   * Sends the request on the open connection (or a new one) and reads the response. If the
   * server had closed the open connection without notice, that is recorded in {@link
   * Exchange#silentClose()} and the request goes again on a fresh connection.
   *
   * @throws Hang when no full response arrives within the bound
   */
  public Exchange send(FuzzRequest request) throws IOException {
    byte[] bytes = encode(request);
    String silentClose = null;
    boolean reused = socket != null;
    if (!reused) {
      open();
    }
    long start = System.nanoTime();
    Exchange exchange;
    try {
      exchange = exchange(bytes, request.method(), start, null);
    } catch (EOFException | java.net.SocketException e) {
      if (!reused) {
        close();
        throw e;
      }
      // the server had closed the kept-alive connection: what a client sees as a failed request
      silentClose = "the server closed the connection after " + previous + " without Connection: close (" + e.getMessage() + ")";
      close();
      open();
      start = System.nanoTime();
      exchange = exchange(bytes, request.method(), start, silentClose);
    }
    previous = request.describe() + " → " + exchange.status();
    String connection = exchange.header("connection");
    if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
      close();
    }
    return exchange;
  }

  private Exchange exchange(byte[] bytes, String method, long start, String silentClose) throws IOException {
    try {
      try {
        out.write(bytes);
        out.flush();
      } catch (java.net.SocketException e) {
        // the server may refuse early (413, 431) and stop reading: the answer can still be there
      }
      return read(method, start, silentClose);
    } catch (SocketTimeoutException e) {
      close();
      throw new Hang("no response within " + timeoutMillis + " ms");
    }
  }

  private void open() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
    previous = null;
  }

  private byte[] encode(FuzzRequest r) {
    StringBuilder head = new StringBuilder();
    head.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
    if (r.header("host") == null) {
      head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    }
    boolean chunked = r.header("transfer-encoding") != null;
    for (FuzzRequest.Header h : r.headers()) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (r.body() != null && !chunked) {
      head.append("Content-Length: ").append(r.body().length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (r.body() != null) {
      if (chunked) {
        int at = 0;
        while (at < r.body().length) {
          int n = Math.min(4096, r.body().length - at);
          buffer.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          buffer.write(r.body(), at, n);
          buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
          at += n;
        }
        buffer.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        buffer.writeBytes(r.body());
      }
    }
    return buffer.toByteArray();
  }

  private Exchange read(String method, long start, String silentClose) throws IOException {
    while (true) {
      String statusLine = line(true);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(false); !h.isEmpty(); h = line(false)) {
        int colon = h.indexOf(':');
        if (colon > 0) {
          headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      if (status >= 100 && status < 200) {
        continue; // 100 Continue: the real answer follows
      }
      byte[] body;
      if (method.equals("HEAD") || status == 204 || status == 304) {
        body = new byte[0];
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked();
      } else if (headers.containsKey("content-length")) {
        long length = Long.parseLong(headers.get("content-length"));
        if (length > MAX_BODY) {
          throw new IOException("response body of " + length + " bytes");
        }
        body = in.readNBytes((int) length);
        if (body.length < length) {
          throw new EOFException("response body cut short");
        }
      } else {
        body = in.readNBytes(MAX_BODY); // delimited by the close
        headers.putIfAbsent("connection", "close");
      }
      return new Exchange(status, headers, body, System.nanoTime() - start, silentClose);
    }
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(false);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
          // trailers are not used
        }
        return body.toByteArray();
      }
      if (body.size() + n > MAX_BODY) {
        throw new IOException("response body over " + MAX_BODY + " bytes");
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length < n) {
        throw new EOFException("chunk cut short");
      }
      body.writeBytes(chunk);
      line(false);
    }
  }

  /** A header line without its CRLF; EOF before the first byte of a status line means the peer had closed. */
  private String line(boolean first) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int length = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
      if (line.size() > 1 << 20) {
        throw new IOException("header line over 1 MiB");
      }
    }
    throw new EOFException(first && line.size() == 0 ? "connection closed before the response" : "connection closed mid-response");
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }
}
