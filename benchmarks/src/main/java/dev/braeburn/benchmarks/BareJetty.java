package dev.braeburn.benchmarks;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The throughput baseline: Jetty 12 set up as Braeburn's transport is (virtual threads, no Server
 * header, Date header) whose one handler answers every request with fixed bytes — the status 200,
 * headers and body Braeburn returned for the request being compared. What Braeburn costs beyond
 * this is authentication, routing, validation, the store and rendering.
 *
 * <p>Run as its own JVM ({@link #start}) so it has the same defaults as the Braeburn child:
 * {@code BareJetty <body file> <headers file>}, headers one {@code Name: value} a line. Prints
 * {@code bare jetty at port N} and serves until stdin closes or it is killed.
 */
public final class BareJetty {
  private static final Pattern PORT = Pattern.compile("bare jetty at port (\\d+)");

  public static void main(String[] args) throws Exception {
    byte[] body = Files.readAllBytes(Path.of(args[0]));
    List<String[]> headers = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
      }
    }
    VirtualThreadPool threads = new VirtualThreadPool();
    threads.setName("bare");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    http.setRequestHeaderSize(64 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try (InputStream in = Request.asInputStream(request)) {
          in.readAllBytes(); // as Braeburn's transport reads the (empty) body
        }
        response.setStatus(200);
        for (String[] h : headers) {
          response.getHeaders().put(h[0], h[1]);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
    });
    server.start();
    System.out.println("bare jetty at port " + connector.getLocalPort());
    System.out.flush();
    // serve until the parent closes our stdin (or kills us)
    while (System.in.read() != -1) {
      // ignore input
    }
    server.stop();
  }

  /** A started baseline child JVM. */
  record Child(Process process, int port) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts {@code java -cp <this classpath> BareJetty} answering with {@code body} and {@code headers}. */
  static Child start(byte[] body, List<String> headerLines) throws Exception {
    Path dir = Files.createTempDirectory("braeburn-bare");
    Path bodyFile = Files.write(dir.resolve("body"), body);
    Path headerFile = Files.write(dir.resolve("headers"), headerLines);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Dslf4j.internal.verbosity=ERROR",
        "-cp", System.getProperty("java.class.path"), BareJetty.class.getName(), bodyFile.toString(), headerFile.toString())
        .redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (output) {
            if (output.length() < 20_000) {
              output.append(line).append('\n');
            }
          }
          Matcher m = PORT.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (Exception ignored) {
        // ended
      }
      port.completeExceptionally(new IllegalStateException("bare jetty exited"));
    });
    try {
      return new Child(p, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("bare jetty did not start:\n" + output, e);
      }
    } finally {
      PagingBenchmark.deleteRecursively(dir); // read at start; the child no longer needs the files once it prints its port
    }
  }
}
