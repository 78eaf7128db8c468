package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Family Sharing (docs/purchases.md "Family Sharing"): a purchase of a {@code familySharable} product
 * that names {@code familyMembers} gives each member a transaction of their own — own
 * transactionId and originalTransactionId, {@code inAppOwnershipType FAMILY_SHARED} (server-api.md
 * §3.3) — and, for a subscription, a renewal state that follows the purchaser's: every event on the
 * purchaser's subscription reaches the members as subscription-events.json says, and a refund
 * revokes their access ({@code REVOKE}, {@code revocationType FAMILY_REVOKE}, §3.7).
 */
final class FamilySharing {
  /** Braeburn's bookkeeping on a member's records: the purchaser's originalTransactionId they share. */
  static final String FAMILY_OF = "familyOf";
  /** A family is up to six people: the organizer and five others (Apple "Family Sharing"). */
  static final int MAX_MEMBERS = 5;
  /** What a member's transaction does not carry: the purchaser paid, redeemed the offer and owns the account token [INFER]. */
  private static final Set<String> PURCHASER_ONLY = Set.of("price", "currency", "appAccountToken", "offerType", "offerIdentifier",
      "offerDiscountType", "offerPeriod", "orderId", "isUpgraded", "revocationDate", "revocationReason", "revocationType",
      OfferCodeRedemption.CODE_FIELD);
  /** The renewal state a member's subscription takes from the purchaser's at each event (the rest is the member's own). */
  private static final List<String> FOLLOWED = List.of("productId", "autoRenewProductId", "autoRenewStatus", "isInBillingRetryPeriod",
      "expirationIntent", "gracePeriodExpiresDate", "recentSubscriptionStartDate", "renewalDate", "status", "expiresDate", "renewals");
  /** The purchaser's earlier transaction's changes a member's latest transaction mirrors (early expiry, upgrade). */
  private static final List<String> MIRRORED = List.of("expiresDate", "isUpgraded");
  private final Purchases purchases;
  private final SubscriptionEvents events;

  FamilySharing(Purchases purchases) {
    this.purchases = purchases;
    this.events = new SubscriptionEvents(purchases.ctx().events());
  }

  static boolean isMember(Resource record) {
    return record.attributes().hasNonNull(FAMILY_OF);
  }

  /** The members' records ({@code type} transactions or subscriptions) sharing the purchaser's {@code originalTransactionId}. */
  static List<Resource> sharesOf(StoreTx tx, String type, String originalTransactionId) {
    return Ledger.list(tx, type, FAMILY_OF, originalTransactionId);
  }

  /** The family members a purchase names, checked: customer ids, not the purchaser, at most five, and a sharable product. */
  static List<String> members(JsonNode body, Catalogue.Product product, String purchaser) {
    JsonNode named = body.path("familyMembers");
    if (named.isMissingNode() || named.isNull()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    if (!named.isArray()) {
      throw AdminJson.invalid("/familyMembers", "familyMembers is a list of customer ids (each one Apple Account in the app's family)");
    }
    for (JsonNode m : named) {
      if (!m.isTextual() || m.asText().isBlank() || m.asText().equals(purchaser) || !out.add(m.asText())) {
        throw AdminJson.invalid("/familyMembers", "familyMembers lists distinct customer ids other than the purchaser '" + purchaser
            + "'; got " + named);
      }
    }
    if (out.size() > MAX_MEMBERS) {
      throw AdminJson.invalid("/familyMembers", "a family is up to six people, the purchaser and " + MAX_MEMBERS + " others; got "
          + out.size() + " members");
    }
    if (!out.isEmpty() && product.type().equals("Consumable")) {
      throw AdminJson.invalid("/familyMembers", product.productId() + " is a consumable: consumables are never shared through Family"
          + " Sharing (App Store Connect Help \"Turn on Family Sharing\"); leave familyMembers out.");
    }
    if (!out.isEmpty() && !product.resource().attributes().path("familySharable").asBoolean(false)) {
      throw AdminJson.invalid("/familyMembers", product.productId() + " is not family sharable (familySharable false): only its purchaser"
          + " gets it. Turn Family Sharing on for the product in the catalogue (PATCH its familySharable to true), or leave familyMembers out.");
    }
    return List.copyOf(out);
  }

  /** After the purchaser's purchase: each member's transaction (and subscription) and its notification; answers per member. */
  ArrayNode share(StoreTx tx, Resource bought, Resource purchaserSub, List<String> members) {
    ArrayNode out = purchases.ctx().object().arrayNode();
    var b = bought.attributes();
    Resource app = tx.find("apps", b.path("appId").asText()).orElseThrow();
    StoreEnvironment environment = StoreEnvironment.parse(b.path("environment").asText()).orElseThrow();
    for (String member : members) {
      refuseOwned(tx, app, environment, member, b);
      String appTransactionId = AppTransactions.ensure(purchases.ctx(), tx, app, member, environment).id();
      Resource earlier = purchaserSub == null ? null : sharesOf(tx, Ledger.SUBSCRIPTIONS, purchaserSub.id()).stream()
          .filter(s -> s.attributes().path("customer").asText().equals(member)).findFirst().orElse(null);
      Resource shared;
      if (purchaserSub == null) {
        shared = copy(tx, bought, member, null, null, appTransactionId);
        purchases.emit(tx, app, environment, "ONE_TIME_CHARGE", null, shared, null, null); // [INFER] members are told like the purchaser
      } else {
        Long firstDate = earlier == null ? null : Ledger.chain(tx, earlier.id()).getFirst().attributes().path("originalPurchaseDate").asLong();
        shared = copy(tx, bought, member, earlier == null ? null : earlier.id(), firstDate, appTransactionId);
        Resource sub = follow(tx, earlier, shared, purchaserSub, null);
        purchases.emit(tx, app, environment, "SUBSCRIBED", earlier == null ? "INITIAL_BUY" : "RESUBSCRIBE", shared, sub, 1);
      }
      out.add(PurchaseSimulator.answer(purchases.ctx(), tx, shared, environment).put("customer", member));
    }
    return out;
  }

  /**
   * After an event on the purchaser's subscription ({@code before}: its latest transaction before the event,
   * {@code announced}: the one its notification carried): each member with access follows, as the events table says.
   */
  void follow(StoreTx tx, String event, Resource before, Resource announced, Resource purchaserSub, SubscriptionEvents.Outcome outcome,
      long at) {
    SubscriptionEvents.Outcome shared = events.forFamily(event, outcome);
    if (shared == null) {
      return;
    }
    Resource previous = tx.find(Ledger.TRANSACTIONS, before.id()).orElseThrow();
    Resource app = tx.find("apps", purchaserSub.attributes().path("appId").asText()).orElseThrow();
    StoreEnvironment environment = StoreEnvironment.parse(purchaserSub.attributes().path("environment").asText()).orElseThrow();
    for (Resource member : sharesOf(tx, Ledger.SUBSCRIPTIONS, purchaserSub.id())) {
      if (member.attributes().path("status").asInt() == 5) {
        continue; // access already revoked: no longer shared
      }
      Resource latest = Ledger.latest(tx, member.id()).orElseThrow();
      ObjectNode changes = purchases.ctx().object();
      for (String field : MIRRORED) {
        if (previous.attributes().has(field) && !previous.attributes().get(field).equals(latest.attributes().get(field))) {
          changes.set(field, previous.attributes().get(field));
        }
      }
      if (shared.type().equals("REVOKE")) {
        changes.setAll(revocation(at));
      }
      if (!changes.isEmpty()) {
        latest = Ledger.touch(tx, latest, changes, purchases.ctx().nowMillis());
      }
      Resource memberAnnounced = announced.id().equals(before.id()) ? latest : copy(tx, announced, member.attributes().path("customer")
          .asText(), member.id(), latest.attributes().path("originalPurchaseDate").asLong(), latest.attributes().path("appTransactionId").asText());
      Resource sub = follow(tx, member, memberAnnounced, purchaserSub, shared.status());
      purchases.emit(tx, app, environment, shared.type(), shared.subtype(), memberAnnounced, sub, sub.attributes().path("status").asInt());
    }
  }

  /** After the purchaser's one-time purchase was refunded: each member's access revoked, with REVOKE (§3.7). */
  void revokeOneTime(StoreTx tx, Resource refunded, long at) {
    Resource app = tx.find("apps", refunded.attributes().path("appId").asText()).orElseThrow();
    StoreEnvironment environment = StoreEnvironment.parse(refunded.attributes().path("environment").asText()).orElseThrow();
    SubscriptionEvents.Outcome shared = events.forFamily("REFUND", events.outcome("REFUND", null));
    for (Resource member : sharesOf(tx, Ledger.TRANSACTIONS, refunded.id())) {
      if (!member.attributes().has("revocationDate") && shared != null) {
        Resource revoked = Ledger.touch(tx, member, revocation(at), at);
        purchases.emit(tx, app, environment, shared.type(), shared.subtype(), revoked, null, null);
      }
    }
  }

  /** Access through Family Sharing ended: revocationType FAMILY_REVOKE, reason 0 ("another reason") [INFER: the reason]. */
  ObjectNode revocation(long at) {
    return purchases.ctx().object().put("revocationDate", at).put("revocationReason", 0).put("revocationType", "FAMILY_REVOKE");
  }

  /** A member's transaction from the purchaser's: own ids and app transaction, FAMILY_SHARED, without what only the purchaser has. */
  private Resource copy(StoreTx tx, Resource source, String member, String original, Long originalDate, String appTransactionId) {
    ObjectNode a = source.attributes().deepCopy();
    a.remove(PURCHASER_ONLY);
    String id = Ledger.newId(tx, Ledger.TRANSACTIONS);
    a.put("transactionId", id).put("originalTransactionId", original == null ? id : original);
    if (a.has("webOrderLineItemId")) {
      a.put("webOrderLineItemId", Ledger.newId(tx, Ledger.TRANSACTIONS));
    }
    a.put("originalPurchaseDate", originalDate == null ? a.path("purchaseDate").asLong() : originalDate)
        .put("inAppOwnershipType", "FAMILY_SHARED").put("appTransactionId", appTransactionId).put("customer", member)
        .put(FAMILY_OF, source.attributes().path("originalTransactionId").asText()).put("finished", false).putNull("consumption")
        .put("sequence", Ledger.nextSequence(tx));
    return tx.insert(Ledger.TRANSACTIONS, id, a);
  }

  /** A member's subscription (new, or {@code memberSub}) taking the purchaser's renewal state; {@code status} overrides it. */
  private Resource follow(StoreTx tx, Resource memberSub, Resource memberTransaction, Resource purchaserSub, Integer status) {
    var p = purchaserSub.attributes();
    var t = memberTransaction.attributes();
    ObjectNode state = memberSub != null ? memberSub.attributes().deepCopy() : purchases.ctx().object()
        .put("originalTransactionId", t.path("originalTransactionId").asText()).put("environment", p.path("environment").asText())
        .put("appTransactionId", t.path("appTransactionId").asText()).put("appId", p.path("appId").asText())
        .put("customer", t.path("customer").asText()).put("subscriptionGroupIdentifier", p.path("subscriptionGroupIdentifier").asText())
        .put(FAMILY_OF, purchaserSub.id()).set("extensions", purchases.ctx().object().arrayNode());
    for (String field : FOLLOWED) {
      if (p.hasNonNull(field)) {
        state.set(field, p.get(field));
      } else {
        state.remove(field);
      }
    }
    if (status != null) {
      state.put("status", status);
    }
    if (memberSub == null) {
      return tx.insert(Ledger.SUBSCRIPTIONS, state.path("originalTransactionId").asText(), state);
    }
    tx.updateAttributes(memberSub, state);
    return tx.find(Ledger.SUBSCRIPTIONS, memberSub.id()).orElseThrow();
  }

  /** A member who already has the product (non-consumable) or a live subscription in the group cannot be given it again [INFER]. */
  private static void refuseOwned(StoreTx tx, Resource app, StoreEnvironment environment, String member, JsonNode bought) {
    List<String> owned = new ArrayList<>();
    String group = bought.path("subscriptionGroupIdentifier").asText(null);
    for (Resource t : Ledger.transactionsOf(tx, app.id(), member, environment)) {
      var a = t.attributes();
      boolean same = group != null ? group.equals(a.path("subscriptionGroupIdentifier").asText())
          : a.path("productId").asText().equals(bought.path("productId").asText());
      if (same && !a.has("revocationDate") && (group == null || a.path("expiresDate").asLong() > bought.path("purchaseDate").asLong())) {
        owned.add(t.id());
      }
    }
    if (!owned.isEmpty()) {
      throw AdminJson.invalid("/familyMembers", "Family member '" + member + "' already has " + (group == null ? bought.path("productId")
          .asText() : "a live subscription in group " + group) + " (transactions " + owned + "); Braeburn shares a product only with"
          + " members who do not have it yet [inferred]. Leave the member out, or revoke or let theirs expire first.");
    }
  }
}
