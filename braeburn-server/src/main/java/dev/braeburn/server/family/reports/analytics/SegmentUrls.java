package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.store.Resource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Download URLs of segments, shaped like Apple's pre-signed S3 URLs (reports-webhooks.md §1.3):
 * {@code <base>/_reports/<issuerId>/<segmentId>/<appId>/<REPORT>/<GRANULARITY>/<ACCESS_TYPE>/<yyyymmdd>/<millis>/<part>.csv.gz
 * ?X-Amz-Algorithm=…&X-Amz-Date=…&X-Amz-Expires=300&X-Amz-Signature=…}. The signature is an
 * HMAC-SHA256 of the path and the signing time under a secret kept with the segment, so the URL
 * is its own credential, needs no token and is valid {@link #VALIDITY} after the call that made it
 * (Apple: five minutes after the segments call), on the virtual clock.
 */
final class SegmentUrls {
  static final String PREFIX = "/_reports/";
  static final Duration VALIDITY = Duration.ofMinutes(5);
  static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SegmentUrls() {}

  /** A URL for {@code segment} of team {@code issuerId}, signed at {@code now}. */
  static String url(String baseUrl, String issuerId, Resource segment, Instant now) {
    String path = PREFIX + issuerId + "/" + segment.id() + "/" + segment.attributes().path("objectPath").asText();
    String date = AMZ_DATE.format(now);
    String expires = Long.toString(VALIDITY.toSeconds());
    return baseUrl + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date + "&X-Amz-Expires=" + expires
        + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature(segment, path, date, expires);
  }

  /** Whether {@code signature} is the segment's for this path, signing time and validity. */
  static boolean signedBy(Resource segment, String path, String date, String expires, String signature) {
    byte[] expected = signature(segment, path, date, expires).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String signature(Resource segment, String path, String date, String expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // never an empty key, even for a segment loaded without a secret (the admin API loads bare resources)
      byte[] key = ("segment:" + segment.id() + ":" + segment.attributes().path("secret").asText()).getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((path + "\n" + date + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
