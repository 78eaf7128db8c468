package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A customer asks Apple for a refund (simulator event REQUEST_CONSUMPTION): {@code POST
 * /_braeburn/storekit/refundRequests {"transactionId", "reason"}} sends CONSUMPTION_REQUEST with
 * the reason and opens the 12-hour window for consumption information (§1.5); at its deadline on
 * the virtual clock the App Store decides by {@code refund-decisions.json} — REFUND (revocation
 * fields, refund history) or REFUND_DECLINED — and {@code GET …/refundRequests/{transactionId}}
 * shows the decision and its reason.
 */
final class RefundRequests {
  static final String TYPE = "_skRefundRequests";
  static final String DECISION_TASK = "storekit.refundDecision";
  static final Duration WINDOW = Duration.ofHours(12);
  static final List<String> REASONS = List.of("UNINTENDED_PURCHASE", "FULFILLMENT_ISSUE", "UNSATISFIED_WITH_PURCHASE", "LEGAL", "OTHER");
  private static final String PREFIX = "/_braeburn/storekit/refundRequests";
  private final CareContext ctx;
  private final AdminJson json;
  private final RefundRules rules = new RefundRules(CareContext.table("refund-decisions.json"));

  RefundRequests(CareContext ctx, AdminJson json) {
    this.ctx = ctx;
    this.json = json;
  }

  ApiResponse handle(ApiRequest req) {
    String team = AdminJson.team(ctx.services().store(), req);
    String rest = req.path().substring(Math.min(req.path().length(), PREFIX.length()));
    if (rest.isEmpty() && req.method().equals("POST")) {
      JsonNode body = json.requiredObject(req, "a refund request: {\"transactionId\", \"reason\": one of " + REASONS + "}");
      return json.json(201, ctx.services().store().write(team, tx -> request(tx, body)));
    }
    if (rest.matches("/[0-9]+") && req.method().equals("GET")) {
      return json.json(200, ctx.services().store().read(team, tx -> tx.find(TYPE, rest.substring(1)).map(Resource::attributes)
          .orElseThrow(() -> AdminJson.notFound("No refund request for transaction " + rest.substring(1)))));
    }
    throw new ApiException(Errors.pathError(req.path()));
  }

  private JsonNode request(StoreTx tx, JsonNode body) {
    String id = body.path("transactionId").asText("");
    String reason = body.path("reason").asText("");
    if (!REASONS.contains(reason)) {
      throw AdminJson.invalid("/reason", "reason (the CONSUMPTION_REQUEST's consumptionRequestReason) must be one of " + REASONS
          + "; got '" + reason + "'");
    }
    Resource transaction = tx.find(PurchaseRecords.TRANSACTIONS, id).orElseThrow(() -> AdminJson.notFound("No transaction " + id));
    if (transaction.attributes().has("revocationDate")) {
      throw AdminJson.invalid("/transactionId", "Transaction " + id + " is already revoked (" + transaction.attributes()
          .path("revocationType").asText() + "); there is nothing left to refund");
    }
    Resource open = tx.find(TYPE, id).orElse(null);
    if (open != null && open.attributes().path("state").asText().equals("PENDING")) {
      throw AdminJson.invalid("/transactionId", "Transaction " + id + " already has a refund request awaiting its decision at "
          + Instant.ofEpochMilli(open.attributes().path("consumptionRequestDeadline").asLong()));
    }
    long now = ctx.nowMillis();
    long deadline = now + WINDOW.toMillis();
    ObjectNode record = ctx.object().put("transactionId", id).put("originalTransactionId", transaction.attributes().path("originalTransactionId")
        .asText()).put("consumptionRequestReason", reason).put("requestDate", now).put("consumptionRequestDeadline", deadline)
        .put("state", "PENDING");
    if (open == null) {
      tx.insert(TYPE, id, record);
    } else {
      tx.updateAttributes(open, record); // a declined request may be made again [INFER]
    }
    ctx.services().scheduler().schedule(tx, DECISION_TASK, Instant.ofEpochMilli(deadline), ctx.object().put("transactionId", id)
        .put("requestDate", now));
    ctx.emit(tx, transaction, subscriptionOf(tx, transaction), "CONSUMPTION_REQUEST", null,
        ctx.object().put("consumptionRequestReason", reason));
    return record;
  }

  /** The decision task at the deadline: the rule's outcome, applied and announced in one write transaction. */
  void decide(ScheduledTask task, TaskRun run) {
    ctx.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      String id = task.payload().path("transactionId").asText();
      Resource request = tx.find(TYPE, id).orElse(null);
      Resource transaction = tx.find(PurchaseRecords.TRANSACTIONS, id).orElse(null);
      if (request == null || transaction == null || !request.attributes().path("state").asText().equals("PENDING")
          || request.attributes().path("requestDate").asLong() != task.payload().path("requestDate").asLong()) {
        return null;
      }
      JsonNode consumption = transaction.attributes().get("consumption");
      consumption = consumption == null || consumption.isNull() ? null : consumption;
      String reason = request.attributes().path("consumptionRequestReason").asText();
      RefundRules.Decision decision = rules.decide(consumption, reason);
      ObjectNode outcome = request.attributes().deepCopy().put("state", decision.refund() ? "REFUNDED" : "DECLINED")
          .put("decision", decision.decision()).put("rule", decision.rule()).put("decisionReason", decision.why())
          .put("decidedDate", ctx.nowMillis());
      if (consumption != null) {
        outcome.set("consumption", consumption);
      }
      if (decision.refund()) {
        transaction = refund(tx, transaction, decision, reason, outcome);
      }
      tx.updateAttributes(request, outcome);
      ctx.emit(tx, transaction, subscriptionOf(tx, transaction), decision.refund() ? "REFUND" : "REFUND_DECLINED", null, null);
      return null;
    });
  }

  /** Revocation fields on the transaction (refund history shows it, §3.3); a refunded current subscription period revokes it. */
  private Resource refund(StoreTx tx, Resource transaction, RefundRules.Decision decision, String reason, ObjectNode outcome) {
    long now = ctx.nowMillis();
    // revocationReason 1: the customer refunded because of an issue in the app; 0: another reason (§3.3)
    ObjectNode revocation = ctx.object().put("revocationDate", now).put("revocationReason", reason.equals("FULFILLMENT_ISSUE") ? 1 : 0)
        .put("revocationType", decision.decision());
    if (decision.decision().equals("REFUND_PRORATED")) {
      int percentage = unconsumed(transaction, now);
      revocation.put("revocationPercentage", percentage);
      outcome.put("revocationPercentage", percentage);
    }
    Resource refunded = PurchaseRecords.touch(tx, transaction, revocation, now);
    Resource sub = subscriptionOf(tx, refunded);
    if (sub != null && PurchaseRecords.latest(tx, sub.id()).map(l -> l.id().equals(refunded.id())).orElse(false)) {
      ObjectNode state = sub.attributes().deepCopy().put("status", 5).put("autoRenewStatus", 0).put("isInBillingRetryPeriod", false);
      tx.updateAttributes(sub, state); // [INFER] a refunded current period ends access (status 5 REVOKED) and auto-renewal
    }
    return refunded;
  }

  /** The refunded part in milliunits: what the developer did not report consumed; for an auto-renewable, the time left in the period. */
  private static int unconsumed(Resource transaction, long now) {
    var t = transaction.attributes();
    if (t.has("expiresDate")) {
      long start = t.path("purchaseDate").asLong();
      long end = t.path("expiresDate").asLong();
      long left = Math.max(0, end - Math.max(now, start));
      return end <= start ? 0 : (int) (left * 100_000 / (end - start));
    }
    return 100_000 - t.path("consumption").path("consumptionPercentage").asInt(0);
  }

  private static Resource subscriptionOf(StoreTx tx, Resource transaction) {
    if (!transaction.attributes().has("expiresDate") || !"Auto-Renewable Subscription".equals(transaction.attributes().path("type").asText())) {
      return null;
    }
    return tx.find(PurchaseRecords.SUBSCRIPTIONS, transaction.attributes().path("originalTransactionId").asText()).orElse(null);
  }
}
