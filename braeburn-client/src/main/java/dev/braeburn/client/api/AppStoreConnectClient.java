package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.ApiKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client for the App Store Connect API (or Braeburn standing in for it): signed requests with a
 * reused token, JSON:API documents, paging along {@code links.next}, retries with backoff on 429
 * and 5xx. Thread-safe; build one per key with {@link #builder(ApiKeyFile)}.
 *
 * <pre>{@code
 * var client = AppStoreConnectClient.builder(ApiKeyFile.fromFile(p8, issuerId)).build();
 * for (Resource app : client.all("/v1/apps", Map.of("limit", "200"))) { ... }
 * }</pre>
 */
public final class AppStoreConnectClient {
  public static final String APPLE = "https://api.appstoreconnect.apple.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Methods a lost connection may repeat: sending them twice does no more than once (RFC 9110 §9.2.2). */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final String baseUrl;
  private final HttpClient http;
  private final TokenCache tokens;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration timeout;
  private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
  private final PartUploader uploader;

  private AppStoreConnectClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    this.tokens = new TokenCache(b.key, b.clock, b.tokenLifetime);
    this.retry = b.retry;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.timeout = b.timeout;
    this.uploader = new PartUploader(http, retry, sleeper, clock, timeout, b.uploadParallelism);
  }

  public static Builder builder(ApiKeyFile key) {
    return new Builder(key);
  }

  // ---- reading ----

  /** GET of a path under the base URL (e.g. {@code /v1/apps}) or an absolute URL such as {@code links.next}. */
  public Document get(String pathOrUrl) {
    return get(pathOrUrl, Map.of());
  }

  /** As {@link #get(String)} with query parameters, e.g. {@code Map.of("filter[platform]", "IOS", "limit", "200")}. */
  public Document get(String pathOrUrl, Map<String, String> query) {
    return send("GET", Query.url(baseUrl, pathOrUrl, query), null);
  }

  /**
   * Every page of a list, lazily: the first page, then {@code links.next} while it is present AND
   * the page just read had data. The second condition matters: Apple's inAppPurchasesV2 list has
   * been seen to send {@code links.next} on empty pages forever (Braeburn's quirk
   * {@code endlessNextOnEmptyPages}); a pager that trusts {@code next} alone never stops.
   */
  public Iterable<Document> pages(String pathOrUrl, Map<String, String> query) {
    return () -> new Pager(this, Query.url(baseUrl, pathOrUrl, query));
  }

  /** {@link #pages} as a stream. */
  public Stream<Document> streamPages(String pathOrUrl, Map<String, String> query) {
    return StreamSupport.stream(pages(pathOrUrl, query).spliterator(), false);
  }

  /** The {@code data} of every page, in order. */
  public List<Resource> all(String pathOrUrl, Map<String, String> query) {
    List<Resource> all = new ArrayList<>();
    for (Document page : pages(pathOrUrl, query)) {
      all.addAll(page.data());
    }
    return all;
  }

  // ---- writing ----

  /** POST {@code /v1/<type>} with {@code {"data":{"type","attributes","relationships"}}}; the created resource's document. */
  public Document create(String type, JsonNode attributes, Map<String, ?> relationships) {
    return post("/v1/" + type, JsonApiBody.of(type, null, attributes, relationships));
  }

  /** PATCH {@code /v1/<type>/<id>} with the attributes and relationships to change. */
  public Document update(String type, String id, JsonNode attributes, Map<String, ?> relationships) {
    return patch("/v1/" + type + "/" + id, JsonApiBody.of(type, id, attributes, relationships));
  }

  /** DELETE {@code /v1/<type>/<id>}. */
  public void delete(String type, String id) {
    delete("/v1/" + type + "/" + id);
  }

  /** DELETE of any path, e.g. a relationship endpoint. */
  public void delete(String pathOrUrl) {
    send("DELETE", Query.url(baseUrl, pathOrUrl, null), null);
  }

  /** POST of any JSON:API body, for paths {@link #create} does not fit (e.g. {@code /v2/inAppPurchases}). */
  public Document post(String pathOrUrl, JsonNode body) {
    return send("POST", Query.url(baseUrl, pathOrUrl, null), body);
  }

  /** PATCH of any JSON:API body. */
  public Document patch(String pathOrUrl, JsonNode body) {
    return send("PATCH", Query.url(baseUrl, pathOrUrl, null), body);
  }

  /** An empty attributes object to fill: {@code AppStoreConnectClient.attributes().put("name", "x")}. */
  public static ObjectNode attributes() {
    return JsonApiBody.attributes();
  }

  // ---- uploads ----

  /**
   * Reserve, upload, commit — the common case of Apple's upload flow in one call: POST {@code
   * /v1/<type>} with {@code fileName} and {@code fileSize} of {@code file}, send its parts as the
   * answer's {@code uploadOperations} say ({@link #upload}), then PATCH {@code uploaded: true} with
   * the file's MD5. The committed resource; its {@code assetDeliveryState} moves on server-side
   * (to COMPLETE or FAILED) afterwards. For appScreenshots, appPreviews, routingAppCoverages,
   * appStoreReviewAttachments and the other reservation types:
   * {@code uploadAsset("appScreenshots", Map.of("appScreenshotSet", new Ref("appScreenshotSets", setId)), png)}.
   */
  public Resource uploadAsset(String type, Map<String, ?> relationships, Path file) {
    return uploadAsset(type, attributes(), relationships, file);
  }

  /**
   * As {@link #uploadAsset(String, Map, Path)} with more attributes for the reservation, e.g.
   * {@code uti} and {@code assetType} for {@code buildUploadFiles} (whose commit then carries
   * {@code sourceFileChecksums.file}). {@code fileName} and {@code fileSize} come from the file
   * unless given.
   */
  public Resource uploadAsset(String type, ObjectNode attributes, Map<String, ?> relationships, Path file) {
    ObjectNode reservation = attributes.deepCopy();
    if (!reservation.has("fileName")) {
      reservation.put("fileName", file.getFileName().toString());
    }
    if (!reservation.has("fileSize")) {
      reservation.put("fileSize", size(file));
    }
    Resource reserved = create(type, reservation, relationships).resource();
    upload(reserved.attributes().path("uploadOperations"), file);
    return commitUpload(type, reserved.id(), file);
  }

  /**
   * Sends {@code file}'s parts as {@code uploadOperations} (a reservation's attribute) say: each
   * part's bytes with its method and headers and no Authorization header (the URLs are
   * pre-signed), up to {@link Builder#uploadParallelism} at a time, a part retried on 429, 5xx and
   * IOException under this client's retry policy. Throws {@link ApiErrorException} for a part
   * refused for good; the parts still waiting are then not sent.
   */
  public void upload(JsonNode uploadOperations, Path file) {
    uploader.upload(UploadOperation.parse(uploadOperations), file);
  }

  /** The commit alone: PATCH {@code /v1/<type>/<id>} {@code uploaded: true} with {@code file}'s MD5 (see {@link UploadCommit}). */
  public Resource commitUpload(String type, String id, Path file) {
    return patch("/v1/" + type + "/" + id, UploadCommit.body(type, id, Md5.hex(file))).resource();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  // ---- rate limit ----

  /** {@code user-hour-rem} of the last {@code X-Rate-Limit} seen, if any was seen yet. */
  public OptionalLong rateLimitRemaining() {
    long remaining = rateLimitRemaining.get();
    return remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining);
  }

  // ---- the exchange ----

  private Document send(String method, String url, JsonNode body) {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request(method, url, body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (IDEMPOTENT.contains(method) && retry.mayRetry(attempt)) {
          pause(retry.delay(attempt, java.util.Optional.empty()));
          continue;
        }
        throw new UncheckedIOException(method + " " + url + " failed after " + attempt + " attempt(s)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during " + method + " " + url, e);
      }
      RateLimit rateLimit = RateLimit.parse(response.headers().firstValue("X-Rate-Limit").orElse(null)).orElse(null);
      if (rateLimit != null) {
        rateLimitRemaining.set(rateLimit.remaining());
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Document(parse(response.body()), rateLimit);
      }
      if (status == 401) {
        tokens.invalidate(); // a fresh token for whatever the caller does next; a 401 itself is not retried
      }
      if (RetryPolicy.retryableStatus(status) && retry.mayRetry(attempt)) {
        pause(retry.delay(attempt, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())));
        continue;
      }
      throw new ApiErrorException(method, url, status, parseOrNull(response.body()), response.body(),
          response.headers().firstValue("X-Braeburn-Diagnosis").orElse(null));
    }
  }

  private HttpRequest request(String method, String url, JsonNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Authorization", "Bearer " + tokens.token())
        .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isEmpty()) {
      return JSON.missingNode(); // 204 No Content
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the answer is not JSON: " + abbreviate(body), e);
    }
  }

  private static JsonNode parseOrNull(String body) {
    try {
      return body == null || body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /** Configures a client; only the key is required. */
  public static final class Builder {
    private final ApiKeyFile key;
    private String baseUrl = APPLE;
    private HttpClient http;
    private RetryPolicy retry = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.REAL;
    private Clock clock = Clock.systemUTC();
    private Duration timeout = Duration.ofSeconds(60);
    private Duration tokenLifetime = TokenCache.defaultLifetime();
    private int uploadParallelism = 4;

    private Builder(ApiKeyFile key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** Where to send requests; Apple's by default, e.g. {@code http://localhost:8080} for Braeburn. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** An HTTP client of your own (proxy, TLS trust, executor). */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** What waits between attempts; tests pass one that records. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock for token issue times and {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Per-request timeout (default 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long each minted token lives (default 19 minutes; Apple allows at most 20). */
    public Builder tokenLifetime(Duration lifetime) {
      key.token().lifetime(lifetime); // validates against Apple's bounds
      this.tokenLifetime = lifetime;
      return this;
    }

    /** How many parts of one upload are in flight at once (default 4). */
    public Builder uploadParallelism(int parts) {
      if (parts < 1) {
        throw new IllegalArgumentException("upload parallelism must be at least 1: " + parts);
      }
      this.uploadParallelism = parts;
      return this;
    }

    public AppStoreConnectClient build() {
      return new AppStoreConnectClient(this);
    }
  }
}
