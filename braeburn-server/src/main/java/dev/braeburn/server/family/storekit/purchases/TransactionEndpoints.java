package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.storekit.StoreKitHandlers;
import java.util.UUID;

/**
 * Get Transaction Info, Get App Transaction Info, Look Up Order ID, Set App Account Token and
 * Finish Transaction (server-api.md §1.3 rows 1, 7, 16–18).
 */
final class TransactionEndpoints {
  static final long INVALID_APP_ACCOUNT_TOKEN_UUID = 4000183;
  static final long NOT_ORIGINAL = 4000187;
  static final long ORIGINAL_NOT_FOUND = 4040005;
  static final long APP_TRANSACTION_DOES_NOT_EXIST = 4040019;
  private final PurchaseContext ctx;

  TransactionEndpoints(PurchaseContext ctx) {
    this.ctx = ctx;
  }

  void register(StoreKitHandlers handlers) {
    handlers.register("getTransactionInfo", this::info).register("getAppTransactionInfo", this::appTransaction)
        .register("lookUpOrderId", this::order).register("setAppAccountToken", this::appAccountToken)
        .register("finishTransaction", this::finish);
  }

  private ApiResponse info(StoreKitCall call) {
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), false);
      return ok(ctx.object().put("signedTransactionInfo", ctx.sign(tx, Ledger.decoded(found.transaction()))));
    });
  }

  private ApiResponse appTransaction(StoreKitCall call) {
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), true);
      Resource appTransaction = found.appTransaction();
      if (appTransaction == null) {
        appTransaction = tx.find(Ledger.APP_TRANSACTIONS, found.transaction().attributes().path("appTransactionId").asText()).orElseThrow(
            () -> new StoreKitException(APP_TRANSACTION_DOES_NOT_EXIST, "transaction " + found.transaction().id() + " has no app transaction"));
      }
      return ok(ctx.object().put("signedAppTransactionInfo", ctx.signAsIs(tx, AppTransactions.decoded(ctx, appTransaction))));
    });
  }

  /** Production only (the route refuses sandbox before this); status 0 with the order's transactions, 1 for an unknown order. */
  private ApiResponse order(StoreKitCall call) {
    return ctx.services().store().read(call.teamId(), tx -> {
      ArrayNode signed = ctx.object().arrayNode();
      for (Resource t : Ledger.list(tx, Ledger.TRANSACTIONS, "orderId", call.param("orderId"))) {
        if (t.attributes().path("appId").asText().equals(call.app().id())
            && t.attributes().path("environment").asText().equals(call.environment().wire())) {
          signed.add(ctx.sign(tx, Ledger.decoded(t)));
        }
      }
      ObjectNode out = ctx.object().put("status", signed.isEmpty() ? 1 : 0);
      if (!signed.isEmpty()) {
        out.set("signedTransactions", signed);
      }
      return ok(out);
    });
  }

  private ApiResponse appAccountToken(StoreKitCall call) {
    JsonNode body = call.body();
    String token = body.path("appAccountToken").asText("");
    try {
      UUID.fromString(token);
    } catch (IllegalArgumentException e) {
      throw new StoreKitException(INVALID_APP_ACCOUNT_TOKEN_UUID, "appAccountToken must be a UUID; got '" + token + "'");
    }
    String id = call.param("originalTransactionId");
    return ctx.services().store().write(call.teamId(), tx -> {
      Lookup.Found found;
      try {
        found = Lookup.any(tx, call, id, false);
      } catch (StoreKitException e) {
        if (e.error().code() == StoreKitErrors.TRANSACTION_ID_NOT_FOUND) {
          throw new StoreKitException(ORIGINAL_NOT_FOUND, "no original transaction " + id + " of app " + call.app().id() + " in "
              + call.environment().wire());
        }
        throw e;
      }
      Resource t = found.transaction();
      if (!t.attributes().path("originalTransactionId").asText().equals(t.id())) {
        throw new StoreKitException(NOT_ORIGINAL, id + " is a renewal of " + t.attributes().path("originalTransactionId").asText()
            + "; Set App Account Token takes the original transaction id");
      }
      // [INFER] the token applies to the original transaction and the subscription's later renewals (renewal info carries it too)
      for (Resource each : Ledger.chain(tx, id)) {
        Ledger.touch(tx, each, ctx.object().put("appAccountToken", token), ctx.nowMillis());
      }
      tx.find(Ledger.SUBSCRIPTIONS, id).ifPresent(s -> tx.updateAttributes(s, s.attributes().deepCopy().put("appAccountToken", token)));
      return ApiResponse.noContent(200);
    });
  }

  private ApiResponse finish(StoreKitCall call) {
    return ctx.services().store().write(call.teamId(), tx -> {
      Resource t = Lookup.any(tx, call, call.param("transactionId"), false).transaction();
      if (!t.attributes().path("finished").asBoolean()) {
        ObjectNode attributes = t.attributes().deepCopy().put("finished", true);
        tx.updateAttributes(t, attributes); // [INFER] finishing is not a change history re-delivers
      }
      return ApiResponse.noContent(200);
    });
  }

  ApiResponse ok(ObjectNode body) {
    try {
      return ApiResponse.json(200, ctx.services().mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
