package dev.braeburn.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A deliberately thin HTTP/1.1 load generator: one keep-alive socket per connection, a request
 * written as bytes, the response read by Content-Length. The JDK's HttpClient costs more CPU per
 * request than the server under test does, and on a 2-CPU machine that would hide the server's
 * costs; this keeps the client's share small so ratios measure the server.
 */
final class RawHttpLoad {
  private final String host;
  private final int port;

  RawHttpLoad(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * Sends {@code requests} GETs of {@code path} over {@code connections} sockets; {@code bearer}
   * gives the token for request i (null: no Authorization header). Returns requests per second.
   * Every response must be 200.
   */
  double run(String path, int connections, int requests, IntFunction<String> bearer) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        futures.add(workers.submit(() -> {
          try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
              String token = bearer.apply(i);
              out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                  + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.flush();
              readResponse(in, i);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return requests / ((System.nanoTime() - start) / 1e9);
  }

  private static void readResponse(InputStream in, int i) throws IOException {
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
    if (!text.startsWith("HTTP/1.1 200")) {
      throw new IllegalStateException("request " + i + ": " + text.lines().findFirst().orElse("connection closed"));
    }
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }
}
