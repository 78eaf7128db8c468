package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.storekit.StoreKitHandlers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Get All Subscription Statuses (server-api.md §1.3 row 4): the customer's subscriptions grouped
 * by subscription group, each with its latest signed transaction and renewal info; {@code status}
 * filters (repeatable, OR-ed) must be 1..5.
 */
final class StatusEndpoint {
  static final long INVALID_STATUS = 4000031;
  private final PurchaseContext ctx;
  private final TransactionEndpoints responses;

  private final WinBackEligibility winBack;

  StatusEndpoint(PurchaseContext ctx, TransactionEndpoints responses, WinBackEligibility winBack) {
    this.ctx = ctx;
    this.responses = responses;
    this.winBack = winBack;
  }

  void register(StoreKitHandlers handlers) {
    handlers.register("getAllSubscriptionStatuses", this::statuses);
  }

  private ApiResponse statuses(StoreKitCall call) {
    List<Integer> wanted = new ArrayList<>();
    for (String s : call.query("status")) {
      try {
        int status = Integer.parseInt(s);
        if (status < 1 || status > 5) {
          throw new NumberFormatException();
        }
        wanted.add(status);
      } catch (NumberFormatException e) {
        throw new StoreKitException(INVALID_STATUS, "status '" + s + "' is not one of 1 (active), 2 (expired), 3 (billing retry),"
            + " 4 (grace period), 5 (revoked)");
      }
    }
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), true);
      Map<String, ArrayNode> groups = new LinkedHashMap<>();
      for (Resource sub : Ledger.list(tx, Ledger.SUBSCRIPTIONS, "customer", found.customer())) {
        var a = sub.attributes();
        int status = a.path("status").asInt();
        if (!a.path("appId").asText().equals(call.app().id()) || !a.path("environment").asText().equals(call.environment().wire())
            || (!wanted.isEmpty() && !wanted.contains(status))) {
          continue;
        }
        Resource latest = Ledger.latest(tx, sub.id()).orElseThrow();
        ObjectNode last = ctx.object().put("originalTransactionId", sub.id()).put("status", status)
            .put("signedTransactionInfo", ctx.sign(tx, Ledger.decoded(latest))).put("signedRenewalInfo", ctx.sign(tx, winBack.renewalInfo(tx, sub)));
        groups.computeIfAbsent(a.path("subscriptionGroupIdentifier").asText(), g -> ctx.object().arrayNode()).add(last);
      }
      ObjectNode body = ctx.object().put("environment", call.environment().wire()).put("bundleId", call.app().attributes().path("bundleId").asText())
          .put("appAppleId", Long.parseLong(call.app().id()));
      ArrayNode data = body.putArray("data");
      groups.forEach((group, last) -> data.addObject().put("subscriptionGroupIdentifier", group).set("lastTransactions", last));
      return responses.ok(body);
    });
  }
}
