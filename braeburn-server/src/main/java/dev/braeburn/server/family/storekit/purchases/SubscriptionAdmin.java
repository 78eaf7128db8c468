package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /_braeburn/storekit/subscriptions/{originalTransactionId}/events {"type": …}}: what the
 * customer or the App Store does to a subscription (subscription-events.json), and {@code REFUND}
 * of a one-time purchase by its transaction id; {@code GET /_braeburn/storekit/subscriptions/{id}}
 * shows the renewal state.
 */
final class SubscriptionAdmin {
  /** The statuses each event applies in (1 active, 2 expired, 3 billing retry, 4 grace, 5 revoked). */
  static final Map<String, Set<Integer>> ALLOWED = Map.ofEntries(Map.entry("RENEW", Set.of(1)), Map.entry("FAIL_RENEWAL", Set.of(1)),
      Map.entry("RECOVER", Set.of(3, 4)), Map.entry("EXPIRE", Set.of(1, 3, 4)), Map.entry("CANCEL_AUTO_RENEW", Set.of(1, 3, 4)),
      Map.entry("ENABLE_AUTO_RENEW", Set.of(1, 3, 4)), Map.entry("UPGRADE", Set.of(1)), Map.entry("DOWNGRADE", Set.of(1)),
      Map.entry("CANCEL_DOWNGRADE", Set.of(1)), Map.entry("PRICE_INCREASE", Set.of(1)), Map.entry("ACCEPT_PRICE_INCREASE", Set.of(1)),
      Map.entry("REFUND", Set.of(1, 2, 3, 4)), Map.entry("REVOKE", Set.of(1, 2, 3, 4)));
  private final Purchases purchases;
  private final Lifecycle lifecycle;
  private final AdminJson json;
  private final FamilySharing family;

  SubscriptionAdmin(Purchases purchases, Lifecycle lifecycle, AdminJson json) {
    this.purchases = purchases;
    this.lifecycle = lifecycle;
    this.json = json;
    this.family = new FamilySharing(purchases);
  }

  ApiResponse handle(ApiRequest req) {
    String[] s = req.path().substring("/_braeburn/storekit/subscriptions/".length()).split("/", -1);
    String team = AdminJson.team(purchases.ctx().services().store(), req);
    if (s.length == 1 && req.method().equals("GET")) {
      return json.json(200, purchases.ctx().services().store().read(team, tx -> describe(find(tx, s[0]))));
    }
    if (s.length != 2 || !s[1].equals("events") || !req.method().equals("POST")) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    JsonNode body = json.requiredObject(req, "an event: {\"type\": " + ALLOWED.keySet().stream().sorted().toList() + "}");
    String event = body.path("type").asText("");
    if (!ALLOWED.containsKey(event) || !lifecycle.events().known(event)) {
      throw AdminJson.invalid("/type", "type must be one of " + ALLOWED.keySet().stream().sorted().toList() + "; got '" + event + "'");
    }
    return json.json(200, purchases.ctx().services().store().write(team, tx -> {
      Resource sub = tx.find(Ledger.SUBSCRIPTIONS, s[0]).orElse(null);
      if (sub == null) {
        return refundOneTime(tx, s[0], event);
      }
      int status = sub.attributes().path("status").asInt();
      if (!ALLOWED.get(event).contains(status)) {
        throw AdminJson.invalid("/type", event + " applies to a subscription with status " + ALLOWED.get(event) + "; subscription " + sub.id()
            + " has status " + status + " (1 active, 2 expired, 3 billing retry, 4 grace period, 5 revoked)");
      }
      refuseFamilyMismatch(sub, event);
      try {
        return describe(lifecycle.apply(tx, sub, event, body, purchases.ctx().nowMillis()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw AdminJson.invalid("/", e.getMessage());
      }
    }));
  }

  /**
   * A refund of a consumable, non-consumable or non-renewing purchase: revocation fields and the REFUND notification (§3.7),
   * and the family members' access revoked; REVOKE of a family member's share of one: Family Sharing stopped for them.
   */
  private ObjectNode refundOneTime(StoreTx tx, String id, String event) {
    Resource t = tx.find(Ledger.TRANSACTIONS, id).orElseThrow(() -> AdminJson.notFound("No subscription or transaction " + id));
    if (!event.equals("REFUND") && !event.equals("REVOKE") || t.attributes().has("revocationDate")) {
      throw AdminJson.invalid("/type", "Transaction " + id + " is a one-time purchase" + (t.attributes().has("revocationDate")
          ? " already revoked" : "; of the events only REFUND (and REVOKE of a family member's share) applies to it"));
    }
    refuseFamilyMismatch(t, event);
    long now = purchases.ctx().nowMillis();
    boolean shared = FamilySharing.isMember(t);
    Resource refunded = Ledger.touch(tx, t, shared ? family.revocation(now) : purchases.ctx().object().put("revocationDate", now)
        .put("revocationReason", 0).put("revocationType", "REFUND_FULL"), now);
    Resource app = tx.find("apps", t.attributes().path("appId").asText()).orElseThrow();
    purchases.emit(tx, app, StoreEnvironment.parse(t.attributes().path("environment").asText()).orElseThrow(), lifecycle.events()
        .outcome(event, null).type(), null, refunded, null, null);
    family.revokeOneTime(tx, refunded, now);
    return purchases.ctx().object().put("transactionId", id).put("revocationDate", now);
  }

  /** REVOKE ends a family member's access; every other event is the purchaser's, whose family follows (subscription-events.json). */
  private void refuseFamilyMismatch(Resource record, String event) {
    boolean member = FamilySharing.isMember(record);
    if (lifecycle.events().forFamilyMember(event) != member) {
      throw AdminJson.invalid("/type", member ? record.id() + " is customer '" + record.attributes().path("customer").asText() + "''s"
          + " share through Family Sharing of purchase " + record.attributes().path(FamilySharing.FAMILY_OF).asText() + ": it follows the"
          + " purchaser's, so send " + event + " to " + record.attributes().path(FamilySharing.FAMILY_OF).asText() + "; only REVOKE"
          + " (Family Sharing stopped for this member) applies to a member's share" : event + " ends access obtained through Family"
          + " Sharing, and " + record.id() + " was bought by customer '" + record.attributes().path("customer").asText() + "' (not a family"
          + " member's share); to take a purchase back use REFUND");
    }
  }

  private Resource find(StoreTx tx, String id) {
    return tx.find(Ledger.SUBSCRIPTIONS, id).orElseThrow(() -> AdminJson.notFound("No subscription with original transaction id " + id));
  }

  private ObjectNode describe(Resource sub) {
    ObjectNode out = sub.attributes().deepCopy();
    out.remove(List.of("customer"));
    return out.put("originalTransactionId", sub.id()).put("customer", sub.attributes().path("customer").asText());
  }
}
