package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.snapshot.SnapshotSummary;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Snapshots through a running server's admin API. Both directions travel gzip-compressed: the
 * server holds a snapshot in memory while answering or loading it, and its body limit for
 * snapshots counts compressed bytes.
 */
final class RemoteSnapshots implements SnapshotEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private final String adminToken;

  RemoteSnapshots(String baseUrl, String adminToken) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.adminToken = adminToken;
  }

  @Override
  public void save(String team, OutputStream out) throws IOException {
    HttpRequest.Builder request = request().header("Accept-Encoding", "gzip").GET();
    if (team != null) {
      request.header("X-Braeburn-Issuer", team);
    }
    HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw refusal(response.statusCode(), body.readAllBytes());
      }
      boolean gzip = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
      (gzip ? new GZIPInputStream(body) : body).transferTo(out);
    }
  }

  @Override
  public SnapshotSummary load(Path file, Progress progress) throws IOException {
    byte[] body = compressed(file);
    progress.total(body.length);
    HttpRequest request = request().header("Content-Type", "application/json")
        .POST(countedUpload(body, progress)).build();
    HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 413) {
      throw new CliException("the snapshot is larger than the running server accepts; stop the server and run the command"
          + " again to load it straight into the store");
    }
    if (response.statusCode() != 200) {
      throw refusal(response.statusCode(), response.body());
    }
    JsonNode s = JSON.readTree(response.body());
    return new SnapshotSummary(s.path("scope").asText(), s.path("issuerId").asText(null), s.path("teams").asLong(),
        s.path("keys").asLong(), s.path("resources").asLong(), s.path("links").asLong(), s.path("tasks").asLong());
  }

  @Override
  public void close() {
    // nothing held between calls
  }

  private HttpRequest.Builder request() {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/_braeburn/snapshot")).header("Authorization", "Bearer " + adminToken);
  }

  /**
   * {@code body} in 64 KiB chunks, each counted as the client takes it to send, and with its
   * Content-Length declared as {@code ofByteArray} would (no chunked upload).
   */
  private static HttpRequest.BodyPublisher countedUpload(byte[] body, Progress progress) {
    int chunk = 1 << 16;
    Iterable<byte[]> chunks = () -> new Iterator<>() {
      private int offset;

      @Override
      public boolean hasNext() {
        return offset < body.length;
      }

      @Override
      public byte[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] next = Arrays.copyOfRange(body, offset, Math.min(body.length, offset + chunk));
        offset += next.length;
        progress.add(next.length);
        return next;
      }
    };
    return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(chunks), body.length);
  }

  /** The file as gzip: as it is when it is gzip already, else compressed here while reading (only the compressed bytes are held). */
  private static byte[] compressed(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      if (gzip) {
        return in.readAllBytes();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      try (GZIPOutputStream compressing = new GZIPOutputStream(out, 1 << 16)) {
        in.transferTo(compressing);
      }
      return out.toByteArray();
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new CliException("cannot reach the admin API at " + baseUrl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  /** The admin API's Apple-shaped error as one line: its detail and, when there is one, where. */
  private static CliException refusal(int status, byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("errors").path(0);
      String pointer = error.at("/source/pointer").asText("");
      return new CliException(error.path("detail").asText("the admin API answered " + status) + (pointer.isEmpty() ? "" : " (at " + pointer + ")"));
    } catch (IOException e) {
      return new CliException("the admin API answered " + status);
    }
  }
}
