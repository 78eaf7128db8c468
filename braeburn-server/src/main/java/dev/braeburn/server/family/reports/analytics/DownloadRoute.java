package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.store.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /_reports/…}: a segment file, without a JWT — the signed URL is the credential, as
 * Apple's pre-signed object-store URLs are (reports-webhooks.md §1.3). The file is made again from
 * the instance's recipe and the app's frozen model version, byte for byte what was measured when
 * the instance was made, so its MD5 is the segment's {@code checksum} (also sent as the
 * {@code ETag}, as the object store does).
 */
final class DownloadRoute implements RequestHandler {
  private final EngineServices services;
  private final UsageModel model;
  private final AppDays days;
  private final RowCache rows;
  private final RenderedSegments rendered = new RenderedSegments();

  DownloadRoute(EngineServices services, UsageModel model, AppDays days, RowCache rows) {
    this.services = services;
    this.model = model;
    this.days = days;
    this.rows = rows;
  }

  /** What a valid URL names: the segment, its instance's recipe and the model version to make it from. */
  private record Target(Resource segment, InstanceRecipe recipe, ModelApp app) {}

  @Override
  public ApiResponse handle(ApiRequest req) {
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      return S3Errors.methodNotAllowed(req.method());
    }
    String[] parts = req.path().substring(SegmentUrls.PREFIX.length()).split("/", 3);
    Map<String, String> query = query(req.query());
    if (parts.length < 3) {
      return S3Errors.noSuchKey(req.path());
    }
    String issuer = parts[0];
    Instant now = services.clock().instant();
    // an unknown issuer finds no segment: no separate team lookup on every download
    Optional<Resource> segment = services.store().read(issuer, tx -> tx.find(AnalyticsTypes.SEGMENTS, parts[1]))
        .filter(s -> s.attributes().path("objectPath").asText().equals(parts[2]));
    if (segment.isEmpty()) {
      return S3Errors.noSuchKey(req.path());
    }
    String date = query.getOrDefault("X-Amz-Date", "");
    String expires = query.getOrDefault("X-Amz-Expires", "");
    if (!SegmentUrls.signedBy(segment.get(), req.path(), date, expires, query.getOrDefault("X-Amz-Signature", ""))) {
      return S3Errors.signatureMismatch();
    }
    Instant expiresAt = expiry(date, expires);
    if (expiresAt == null || now.isAfter(expiresAt)) {
      return S3Errors.expired(expiresAt == null ? now : expiresAt, now);
    }
    String key = segment.get().id() + "/" + segment.get().attributes().path("checksum").asText();
    Optional<byte[]> file = rendered.get(key, () -> make(issuer, segment.get()));
    if (file.isEmpty()) {
      return S3Errors.noSuchKey(req.path());
    }
    Activity.touch(services.store(), issuer, segment.get().attributes().path("requestId").asText(), now);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/octet-stream");
    headers.put("ETag", "\"" + segment.get().attributes().path("checksum").asText() + "\"");
    return new ApiResponse(200, headers, file.get());
  }

  /**
   * The segment's file made from its instance's recipe and the frozen model version; empty when
   * the instance or version is gone (or the instance was loaded bare by the admin API).
   */
  private Optional<byte[]> make(String issuer, Resource segment) {
    Optional<Target> target = services.store().read(issuer, tx -> tx.find(AnalyticsTypes.INSTANCES,
        segment.attributes().path("instanceId").asText())
        .filter(instance -> instance.attributes().path(InstanceRecipe.ATTRIBUTE).isObject()) // not one loaded bare by the admin API
        .flatMap(instance -> {
          InstanceRecipe recipe = Instances.recipeOf(instance);
          return model.version(tx, recipe.appId(), recipe.fingerprint()).map(app -> new Target(segment, recipe, app));
        }));
    return target.map(this::render);
  }

  private byte[] render(Target t) {
    ReportRows file = new ReportRows(t.recipe(), t.app(), rows);
    int part = t.segment().attributes().path("part").asInt();
    return SegmentFiles.render(file.header(), sink -> file.write(t.recipe().days(days.of(t.app())), sink), part, t.recipe().rowsPerSegment());
  }

  private static Instant expiry(String date, String expires) {
    try {
      return Instant.from(SegmentUrls.AMZ_DATE.parse(date)).plusSeconds(Long.parseLong(expires));
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      try {
        if (eq > 0) {
          out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      } catch (IllegalArgumentException e) {
        // a broken escape: the parameter is missing, so the signature does not match
      }
    }
    return out;
  }
}
