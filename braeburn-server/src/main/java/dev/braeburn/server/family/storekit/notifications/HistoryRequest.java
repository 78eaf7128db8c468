package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import java.time.Duration;

/**
 * A Get Notification History body {@code {startDate, endDate, notificationType?, notificationSubtype?,
 * transactionId?, onlyFailures?}} checked by Apple's rules (server-api.md §1.4 "Notification history",
 * errors of §1.3 row 13): both dates required epoch ms, start before end, start within the last 180
 * days (Sandbox 30), a known type, a subtype only with its type, a transaction id or a type but not
 * both. A future endDate is clamped to now.
 */
record HistoryRequest(long startDate, long endDate, String notificationType, String notificationSubtype, String transactionId,
    boolean onlyFailures) {
  static final long START_DATE_TOO_FAR_IN_PAST = 4000012;
  static final long START_DATE_AFTER_END_DATE = 4000013;
  static final long INVALID_START_DATE = 4000015;
  static final long INVALID_END_DATE = 4000016;
  static final long INVALID_NOTIFICATION_TYPE = 4000018;
  static final long MULTIPLE_FILTERS_SUPPLIED = 4000019;

  static HistoryRequest parse(JsonNode body, StoreEnvironment environment, long now, NotificationTypes types) {
    long start = date(body, "startDate", INVALID_START_DATE);
    long end = date(body, "endDate", INVALID_END_DATE);
    if (start >= end) {
      throw new StoreKitException(START_DATE_AFTER_END_DATE, "startDate " + start + " is not before endDate " + end
          + "; the range is [startDate, endDate) in epoch milliseconds");
    }
    int days = environment == StoreEnvironment.PRODUCTION ? 180 : 30;
    long earliest = now - Duration.ofDays(days).toMillis();
    if (start < earliest) {
      throw new StoreKitException(START_DATE_TOO_FAR_IN_PAST, "startDate " + start + " is more than " + days + " days before now ("
          + now + ") on the server's clock; " + environment.wire() + " keeps notification history for " + days + " days, so send "
          + earliest + " or later");
    }
    String type = text(body, "notificationType");
    String subtype = text(body, "notificationSubtype");
    String transactionId = text(body, "transactionId");
    if (type != null && !types.isType(type)) {
      throw new StoreKitException(INVALID_NOTIFICATION_TYPE, "notificationType '" + type + "' is not one of Apple's types " + types.types());
    }
    if (subtype != null && type == null) {
      // [INFER] Apple documents that a subtype needs its type but not the error; InvalidNotificationType is the closest
      throw new StoreKitException(INVALID_NOTIFICATION_TYPE, "notificationSubtype '" + subtype
          + "' was sent without notificationType; a subtype filter needs its type (Braeburn's choice of error code, inferred)");
    }
    if (subtype != null && !types.isSubtype(subtype)) {
      throw new StoreKitException(INVALID_NOTIFICATION_TYPE, "notificationSubtype '" + subtype
          + "' is not one of Apple's subtypes (error code inferred)");
    }
    if (transactionId != null && type != null) {
      throw new StoreKitException(MULTIPLE_FILTERS_SUPPLIED, "the body names both transactionId and notificationType; "
          + "send one of them, or neither");
    }
    if (transactionId != null && !transactionId.matches("[0-9]{1,20}")) {
      throw new StoreKitException(StoreKitErrors.INVALID_TRANSACTION_ID, "transactionId '" + transactionId + "' is not a numeric transaction id");
    }
    JsonNode failures = body.path("onlyFailures");
    if (!failures.isMissingNode() && !failures.isNull() && !failures.isBoolean()) {
      throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, "onlyFailures must be true or false; got " + failures);
    }
    return new HistoryRequest(start, Math.min(end, now + 1), type, subtype, transactionId, failures.asBoolean(false));
  }

  /** What a pagination token must be sent with: the same filters as the first call [INFER]. */
  String fingerprint() {
    return startDate + "|" + notificationType + "|" + notificationSubtype + "|" + transactionId + "|" + onlyFailures;
  }

  private static long date(JsonNode body, String field, long code) {
    JsonNode v = body.path(field);
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new StoreKitException(code, field + " is " + (v.isMissingNode() || v.isNull() ? "missing" : "not epoch milliseconds: " + v)
          + "; it is required, an integer number of milliseconds since 1970");
    }
    return v.asLong();
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      long code = "transactionId".equals(field) ? StoreKitErrors.INVALID_TRANSACTION_ID : INVALID_NOTIFICATION_TYPE;
      throw new StoreKitException(code, field + " must be a string; got " + v);
    }
    return v.asText();
  }
}
