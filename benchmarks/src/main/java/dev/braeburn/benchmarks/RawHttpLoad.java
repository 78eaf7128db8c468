package dev.braeburn.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately thin HTTP/1.1 load generator: one keep-alive socket per connection, a request
 * written as bytes, the response read by Content-Length. The JDK's HttpClient costs more CPU per
 * request than the server under test does, and on a 2-CPU machine that would hide the server's
 * costs; this keeps the client's share small so ratios measure the server.
 *
 * <p>Sockets come from a {@link SocketFactory}: plain TCP by default, or an {@code SSLSocketFactory}
 * for https (the TLS handshake then happens when a socket is opened, before any clock starts).
 */
final class RawHttpLoad {
  /** A response that never arrives fails the run instead of hanging it. */
  private static final int READ_TIMEOUT_MS = 60_000;

  private final String host;
  private final int port;
  private final SocketFactory sockets;

  RawHttpLoad(String host, int port) {
    this(host, port, SocketFactory.getDefault());
  }

  RawHttpLoad(String host, int port, SocketFactory sockets) {
    this.host = host;
    this.port = port;
    this.sockets = sockets;
  }

  /** A connected socket, TLS handshake done when it is an {@link SSLSocket}. */
  Socket open() throws IOException {
    Socket socket = sockets.createSocket(host, port);
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      if (socket instanceof SSLSocket tls) {
        tls.startHandshake();
      }
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Requests per second, and when asked for, each request's latency (write to last body byte). */
  record Result(double perSecond, long[] latencyNanos) {
    List<Double> latenciesMs() {
      List<Double> ms = new ArrayList<>(latencyNanos.length);
      for (long n : latencyNanos) {
        ms.add(Stats.ms(n));
      }
      return ms;
    }
  }

  /** One response, read whole: status, headers in order, body. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  /**
   * Sends {@code requests} GETs of {@code path} over {@code connections} sockets; {@code bearer}
   * gives the token for request i (null: no Authorization header). Returns requests per second.
   * Every response must be 200.
   */
  double run(String path, int connections, int requests, IntFunction<String> bearer) throws Exception {
    return run(connections, requests, i -> get(path, bearer.apply(i)), 200, false).perSecond();
  }

  /**
   * Sends request {@code request.apply(i)} for i in [0, requests) over {@code connections}
   * keep-alive sockets; every response must have {@code expectedStatus}. With {@code latencies}
   * each request's time from writing it to reading the last byte of its response is kept.
   *
   * <p>The sockets are connected one after the other before the clock starts: connecting 64 at
   * once can overflow the server's accept backlog, and a dropped SYN is retried only after a
   * second, which then shows up as a 1-second run.
   */
  Result run(int connections, int requests, IntFunction<byte[]> request, int expectedStatus, boolean latencies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long[] latency = latencies ? new long[requests] : new long[0];
    List<Socket> opened = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        opened.add(open());
      }
    } catch (IOException e) {
      for (Socket s : opened) {
        s.close();
      }
      throw e;
    }
    long start = System.nanoTime();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Socket connected : opened) {
        futures.add(workers.submit(() -> {
          try (Socket socket = connected) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
              byte[] bytes = request.apply(i);
              long t = System.nanoTime();
              out.write(bytes);
              out.flush();
              readResponse(in, i, expectedStatus, false);
              if (latencies) {
                latency[i] = System.nanoTime() - t;
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return new Result(requests / ((System.nanoTime() - start) / 1e9), latency);
  }

  /** One request on a new connection, the response kept whole (for copying it to a baseline). */
  Response fetch(byte[] request) throws IOException {
    try (Socket socket = open()) {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return readResponse(new BufferedInputStream(socket.getInputStream()), 0, -1, true);
    }
  }

  byte[] get(String path, String token) {
    return (("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  byte[] post(String path, String token, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** Reads one response; {@code expected} -1 accepts any status. Returns it only when {@code keep}. */
  static Response readResponse(InputStream in, int i, int expected, boolean keep) throws IOException {
    StringBuilder head = new StringBuilder(256);
    int b;
    while ((b = in.read()) != -1) {
      head.append((char) b);
      int n = head.length();
      if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
        break;
      }
    }
    String text = head.toString();
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
      throw new IllegalStateException("request " + i + ": " + text.lines().findFirst().orElse("connection closed"));
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int length = 0;
    Map<String, String> headers = keep ? new LinkedHashMap<>() : null;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
      int colon = line.indexOf(':');
      if (keep && colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (expected != -1 && status != expected) {
      throw new IllegalStateException("request " + i + ": " + text.lines().findFirst().orElse("?") + " (expected " + expected + "): "
          + Client.abbreviate(new String(body, StandardCharsets.UTF_8)));
    }
    return keep ? new Response(status, headers, body) : null;
  }
}
