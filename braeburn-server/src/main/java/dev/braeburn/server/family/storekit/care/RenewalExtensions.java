package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitException;
import java.time.Duration;

/**
 * Moving a subscription's renewal date (server-api.md §1.6): who may be extended, and the
 * extension itself — {@code expiresDate}/{@code renewalDate} of the renewal state and the open
 * transaction, the {@code extensions} list, the renewal check moved, RENEWAL_EXTENDED.
 */
final class RenewalExtensions {
  static final long INVALID_EXTEND_BY_DAYS = 4000009;
  static final long INVALID_EXTEND_REASON_CODE = 4000010;
  static final long INVALID_REQUEST_IDENTIFIER = 4000011;
  static final long INELIGIBLE = 4030004;
  static final long MAX_EXTENSION = 4030005;
  static final long FAMILY_SHARED_INELIGIBLE = 4030007;
  /** At most two extensions of one subscription within 365 days (§1.6). */
  static final int MAX_PER_YEAR = 2;
  static final Duration YEAR = Duration.ofDays(365);
  private final CareContext ctx;

  RenewalExtensions(CareContext ctx) {
    this.ctx = ctx;
  }

  /** The body's rules, shared by the single and mass endpoints (extendByDays 1..90, reason 0..3, requestIdentifier ≤ 128). */
  static void checkRequest(JsonNode body) {
    JsonNode days = body.get("extendByDays");
    if (days == null || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 90) {
      throw new StoreKitException(INVALID_EXTEND_BY_DAYS, "extendByDays must be a whole number of days from 1 to 90; got " + days);
    }
    JsonNode reason = body.get("extendReasonCode");
    if (reason == null || !reason.isIntegralNumber() || reason.asInt() < 0 || reason.asInt() > 3) {
      throw new StoreKitException(INVALID_EXTEND_REASON_CODE, "extendReasonCode must be 0 (undeclared), 1 (customer satisfaction),"
          + " 2 (other) or 3 (service issue or outage); got " + reason);
    }
    JsonNode id = body.get("requestIdentifier");
    if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 128) {
      throw new StoreKitException(INVALID_REQUEST_IDENTIFIER, "requestIdentifier must be a non-empty string of at most 128 characters; got "
          + (id == null ? "none" : id.isTextual() ? id.asText().length() + " characters" : id.toString()));
    }
  }

  /** Why {@code sub} cannot be extended now, as the error Apple answers; null when it can. */
  StoreKitException ineligibility(StoreTx tx, Resource sub) {
    var a = sub.attributes();
    int status = a.path("status").asInt();
    if (status != 1) {
      return new StoreKitException(INELIGIBLE, "subscription " + sub.id() + " has status " + status + " (2 expired, 3 billing retry,"
          + " 4 grace period, 5 revoked): only an active subscription's renewal date can be extended (§1.6)");
    }
    Resource latest = PurchaseRecords.latest(tx, sub.id()).orElseThrow();
    if ("FREE_TRIAL".equals(latest.attributes().path("offerDiscountType").asText()) || latest.attributes().path("price").asLong(1) == 0) {
      return new StoreKitException(INELIGIBLE, "subscription " + sub.id() + " is in a free offer period (transaction " + latest.id()
          + "): only a paid period can be extended (§1.6)");
    }
    long since = ctx.nowMillis() - YEAR.toMillis();
    int recent = 0;
    for (JsonNode e : a.path("extensions")) {
      recent += e.path("date").asLong() > since ? 1 : 0;
    }
    if (recent >= MAX_PER_YEAR) {
      return new StoreKitException(MAX_EXTENSION, "subscription " + sub.id() + " was extended " + recent + " times in the last 365 days;"
          + " Apple allows two (§1.6)");
    }
    return null;
  }

  static boolean familyShared(StoreTx tx, Resource sub) {
    return PurchaseRecords.latest(tx, sub.id()).map(t -> "FAMILY_SHARED".equals(t.attributes().path("inAppOwnershipType").asText()))
        .orElse(false);
  }

  /** The earlier answer to a request identifier already applied to {@code sub}, or null (reusing it resends the same request, §1.6). */
  static JsonNode earlier(Resource sub, String requestIdentifier) {
    for (JsonNode e : sub.attributes().path("extensions")) {
      if (requestIdentifier.equals(e.path("requestIdentifier").asText())) {
        return e;
      }
    }
    return null;
  }

  /** Extends {@code sub} by {@code days} and announces RENEWAL_EXTENDED; answers the ExtendRenewalDateResponse. */
  ObjectNode extend(StoreTx tx, Resource sub, int days, int reason, String requestIdentifier) {
    long now = ctx.nowMillis();
    var a = sub.attributes();
    long until = a.path("expiresDate").asLong() + Duration.ofDays(days).toMillis(); // real days, also in sandbox [INFER]
    Resource latest = PurchaseRecords.latest(tx, sub.id()).orElseThrow();
    Resource moved = PurchaseRecords.touch(tx, latest, ctx.object().put("expiresDate", until), now);
    ObjectNode state = a.deepCopy().put("expiresDate", until).put("renewalDate", until);
    ArrayNode extensions = a.path("extensions").isArray() ? ((ArrayNode) a.path("extensions")).deepCopy() : ctx.object().arrayNode();
    ObjectNode entry = extensions.addObject().put("days", days).put("reason", reason).put("date", now)
        .put("requestIdentifier", requestIdentifier).put("effectiveDate", until)
        .put("webOrderLineItemId", latest.attributes().path("webOrderLineItemId").asText());
    state.set("extensions", extensions);
    tx.updateAttributes(sub, state);
    Resource updated = tx.find(PurchaseRecords.SUBSCRIPTIONS, sub.id()).orElseThrow();
    PurchaseRecords.scheduleDue(ctx.services(), tx, updated);
    ctx.emit(tx, moved, updated, "RENEWAL_EXTENDED", null, null);
    for (Resource member : PurchaseRecords.familyShares(tx, sub.id())) {
      extend(tx, member, days, reason, requestIdentifier); // family members are extended with the purchaser (§1.6)
    }
    return response(sub.id(), entry);
  }

  ObjectNode response(String originalTransactionId, JsonNode entry) {
    return ctx.object().put("originalTransactionId", originalTransactionId).put("webOrderLineItemId", entry.path("webOrderLineItemId").asText())
        .put("success", true).put("effectiveDate", entry.path("effectiveDate").asLong());
  }
}
