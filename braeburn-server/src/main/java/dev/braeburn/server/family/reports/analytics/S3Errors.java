package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.http.ApiResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Errors of download URLs in the XML shape of the object store Apple's segment URLs point at
 * (S3): clients that fetch the URL see what they would see there — 403 {@code AccessDenied}
 * "Request has expired" after five minutes, 403 {@code SignatureDoesNotMatch} for a changed URL,
 * 404 {@code NoSuchKey} for a segment that does not (or no longer) exist.
 */
final class S3Errors {
  private S3Errors() {}

  static ApiResponse expired(Instant expiredAt, Instant now) {
    return error(403, "AccessDenied", "Request has expired",
        "<X-Amz-Expires>" + SegmentUrls.VALIDITY.toSeconds() + "</X-Amz-Expires><Expires>" + iso(expiredAt)
            + "</Expires><ServerTime>" + iso(now) + "</ServerTime>");
  }

  static ApiResponse signatureMismatch() {
    return error(403, "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.", "");
  }

  static ApiResponse noSuchKey(String path) {
    return error(404, "NoSuchKey", "The specified key does not exist.", "<Key>" + xml(path) + "</Key>");
  }

  static ApiResponse methodNotAllowed(String method) {
    return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
        "<Method>" + xml(method) + "</Method><ResourceType>OBJECT</ResourceType>");
  }

  private static ApiResponse error(int status, String code, String message, String extra) {
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message + "</Message>"
        + extra + "<RequestId>" + requestId() + "</RequestId></Error>";
    return ApiResponse.text(status, "application/xml", body);
  }

  private static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
