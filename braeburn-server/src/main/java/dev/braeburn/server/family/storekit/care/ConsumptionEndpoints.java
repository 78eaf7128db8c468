package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.storekit.StoreKitHandlers;
import java.util.Set;

/**
 * Send Consumption Information v2 and v1 (server-api.md §1.3 rows 11–12, §1.5): the developer's
 * answer to a CONSUMPTION_REQUEST, checked field by field, kept on the transaction as
 * {@code consumption} for the refund decision, answered 202 with no body.
 */
final class ConsumptionEndpoints {
  static final long FAMILY_TRANSACTION_NOT_SUPPORTED = 4000185;
  static final long TRANSACTION_TYPE_NOT_SUPPORTED = 4000047;
  static final String AUTO_RENEWABLE = "Auto-Renewable Subscription";
  /** V1 predates refunds of every product type: a consumable or an auto-renewable only (CONSUMPTION_REQUEST's old scope, §3.7). */
  private static final Set<String> V1_TYPES = Set.of("Consumable", AUTO_RENEWABLE);
  private final CareContext ctx;
  private final ConsumptionFields v2;
  private final ConsumptionFields v1;

  ConsumptionEndpoints(CareContext ctx) {
    this.ctx = ctx;
    JsonNode table = CareContext.table("consumption-fields.json");
    this.v2 = ConsumptionFields.v2(table);
    this.v1 = ConsumptionFields.v1(table);
  }

  void register(StoreKitHandlers handlers) {
    handlers.register("sendConsumptionInformationV2", call -> send(call, 2)).register("sendConsumptionInformationV1", call -> send(call, 1));
  }

  private ApiResponse send(StoreKitCall call, int version) {
    String id = call.param("transactionId");
    if (!CallerRecords.numeric(id)) {
      throw new StoreKitException(StoreKitErrors.INVALID_TRANSACTION_ID, "'" + id + "' is not a transaction id: Apple's are numeric strings");
    }
    JsonNode body = call.body();
    (version == 2 ? v2 : v1).check(body);
    if (version == 2) {
      checkPercentage(body);
    }
    return ctx.services().store().write(call.teamId(), tx -> {
      Resource transaction = CallerRecords.transaction(tx, call, id);
      var t = transaction.attributes();
      String type = t.path("type").asText();
      if ("FAMILY_SHARED".equals(t.path("inAppOwnershipType").asText())) {
        throw new StoreKitException(FAMILY_TRANSACTION_NOT_SUPPORTED, "transaction " + id + " is a family member's (inAppOwnershipType"
            + " FAMILY_SHARED); send consumption information for the purchaser's own transaction");
      }
      if (version == 2 && t.has("advancedCommerceInfo")) {
        throw ConsumptionFields.refusal(ConsumptionFields.ADVANCED_COMMERCE_NOT_SUPPORTED, "transaction " + id
            + " was sold through the Advanced Commerce API, whose refunds this endpoint does not cover");
      }
      if (version == 1 && !V1_TYPES.contains(type)) {
        throw new StoreKitException(TRANSACTION_TYPE_NOT_SUPPORTED, "transaction " + id + " is a " + type + "; Send Consumption Information"
            + " V1 covers consumables and auto-renewable subscriptions only — use v2 (PUT /inApps/v2/transactions/consumption/…)");
      }
      if (version == 2 && AUTO_RENEWABLE.equals(type) && body.has("consumptionPercentage")) {
        throw ConsumptionFields.refusal(ConsumptionFields.PERCENTAGE_AUTO_RENEWABLE, "transaction " + id + " is an auto-renewable"
            + " subscription: leave consumptionPercentage out, Apple computes it from the time elapsed in the period (§1.5)");
      }
      ObjectNode consumption = ((ObjectNode) body.deepCopy()).put("version", version).put("receivedDate", ctx.nowMillis());
      ObjectNode attributes = t.deepCopy();
      attributes.set("consumption", consumption); // not a change of the signed transaction: modifiedDate stays [INFER]
      tx.updateAttributes(transaction, attributes);
      return ApiResponse.noContent(202);
    });
  }

  /** The rules between consumptionPercentage, deliveryStatus and refundPreference (D:consumptionpercentage, §1.5). */
  private static void checkPercentage(JsonNode body) {
    if (!body.has("consumptionPercentage") || body.get("consumptionPercentage").isNull()) {
      return;
    }
    int percentage = body.path("consumptionPercentage").asInt();
    if (percentage != 0 && !"DELIVERED".equals(body.path("deliveryStatus").asText())) {
      throw ConsumptionFields.refusal(ConsumptionFields.UNDELIVERED_PERCENTAGE_NON_ZERO, "consumptionPercentage is " + percentage
          + " but deliveryStatus is " + body.path("deliveryStatus").asText() + ": an undelivered purchase's consumptionPercentage must be 0");
    }
    if ("GRANT_PRORATED".equals(body.path("refundPreference").asText()) && (percentage <= 0 || percentage >= 100_000)) {
      throw ConsumptionFields.refusal(ConsumptionFields.PERCENTAGE_OUT_OF_RANGE, "refundPreference GRANT_PRORATED needs a"
          + " consumptionPercentage above 0 and below 100000 (a part consumed, a part to refund); got " + percentage);
    }
  }
}
