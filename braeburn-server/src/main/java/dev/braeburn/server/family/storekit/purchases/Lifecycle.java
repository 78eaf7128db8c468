package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.storekit.StoreEnvironment;

/**
 * A subscription on the virtual clock (server-api.md §3.4, §3.7, §4.3): renewals at each expiry
 * (sandbox: accelerated, at most 12, then auto-renew off), billing retry and grace period, expiry,
 * product changes, refunds and revocation — each a change of {@code _skSubscriptions} and
 * {@code _skTransactions} and the notification Apple sends, from {@code subscription-events.json}.
 */
final class Lifecycle {
  static final String RETRY_END = "RETRY_END";
  static final String GRACE_END = "GRACE_END";
  private final Purchases purchases;
  private final SubscriptionEvents events;
  private final PriceIncreases increases;
  private final FamilySharing family;

  Lifecycle(Purchases purchases) {
    this.purchases = purchases;
    this.events = new SubscriptionEvents(purchases.ctx().events());
    this.increases = new PriceIncreases(purchases.graph(), purchases.rates());
    this.family = new FamilySharing(purchases);
  }

  SubscriptionEvents events() {
    return events;
  }

  /** The due task: at expiry renew (auto-renew on, under the sandbox cap) or expire; at the end of grace or retry, move on. */
  void runDue(ScheduledTask task, TaskRun run) {
    purchases.ctx().services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      JsonNode p = task.payload();
      Resource sub = tx.find(Ledger.SUBSCRIPTIONS, p.path("originalTransactionId").asText()).orElse(null);
      if (sub == null || FamilySharing.isMember(sub)) {
        return null; // a family member's subscription moves with the purchaser's, never by its own clock
      }
      var a = sub.attributes();
      int status = a.path("status").asInt();
      long at = task.dueAt().toEpochMilli();
      switch (p.path("action").asText("EXPIRY")) {
        case GRACE_END -> {
          if (status == 4 && a.path("gracePeriodExpiresDate").asLong() == at) {
            apply(tx, sub, "GRACE_PERIOD_END", null, at);
          }
        }
        case RETRY_END -> {
          if ((status == 3 || status == 4) && a.path("expiresDate").asLong() == p.path("expiresDate").asLong()) {
            apply(tx, sub, "EXPIRE", null, at);
          }
        }
        default -> {
          if (status == 1 && a.path("expiresDate").asLong() == p.path("expiresDate").asLong()) {
            boolean renews = a.path("autoRenewStatus").asInt() == 1 && !PriceIncreases.declined(a);
            apply(tx, sub, renews ? "RENEW" : "EXPIRE", null, at);
          }
        }
      }
      return null;
    });
  }

  /** One event, simulated or due; {@code body} carries an event's options ({@code productId} of UPGRADE/DOWNGRADE). */
  Resource apply(StoreTx tx, Resource sub, String event, JsonNode body, long at) {
    PurchaseContext ctx = purchases.ctx();
    var a = sub.attributes();
    StoreEnvironment environment = StoreEnvironment.parse(a.path("environment").asText()).orElseThrow();
    Resource app = tx.find("apps", a.path("appId").asText()).orElseThrow();
    Resource latest = Ledger.latest(tx, sub.id()).orElseThrow();
    ObjectNode state = a.deepCopy();
    int status = a.path("status").asInt();
    String variant = null;
    String notice = null;
    Resource announced = latest;
    switch (event) {
      case "RENEW", "RECOVER" -> {
        String productId = a.path("autoRenewProductId").asText();
        Catalogue.Product product = product(tx, app, productId);
        long start = event.equals("RECOVER") ? at : a.path("expiresDate").asLong();
        // A running pay-as-you-go offer charges its next period at the offer's price (§3.3 offer fields on the renewal).
        OfferState.Charge offer = OfferState.next(state, productId);
        String iso = offer != null ? offer.unitIso() : purchases.rates().iso(product.period());
        long until = purchases.rates().end(start, iso, 1, environment);
        boolean sameProduct = productId.equals(a.path("productId").asText());
        long catalogue = regular(tx, product, latest, start);
        long price = offer != null ? offer.price() : sameProduct ? PriceIncreases.charge(catalogue, a) : catalogue;
        announced = charge(tx, app, environment, product, latest, start, until, price, offer == null ? null : offer.fields());
        int renewals = a.path("renewals").asInt() + 1;
        state.put("productId", productId).put("renewals", renewals).put("expiresDate", until).put("renewalDate", until)
            .put("isInBillingRetryPeriod", false);
        state.remove(java.util.List.of("gracePeriodExpiresDate", "expirationIntent"));
        if (!state.has(OfferState.CHARGES)) {
          notice = increases.lookAhead(tx, state, product, latest.attributes().path("storefront").asText(), offer != null ? catalogue : price,
              start, until, environment);
        }
        if (environment == StoreEnvironment.SANDBOX && renewals >= purchases.rates().maxSandboxRenewals()) {
          state.put("autoRenewStatus", 0); // sandbox renews 12 times, then turns auto-renew off (§4.3)
        }
      }
      case "FAIL_RENEWAL" -> {
        requireStatus(sub, event, 1);
        // Billing grace period is off until the developer enables it (App Store Connect Help "Enable Billing Grace Period");
        // the catalogue has no grace setting, so the event names it: 3, 16 or 28 days as Apple offers.
        int grace = body == null ? 0 : body.path("gracePeriodDays").asInt(0);
        long expiry = a.path("expiresDate").asLong();
        state.put("isInBillingRetryPeriod", true).put("expirationIntent", 2);
        if (grace > 0) {
          variant = "gracePeriod";
          long graceEnd = purchases.rates().days(expiry, grace, environment);
          state.put("gracePeriodExpiresDate", graceEnd);
          schedule(tx, sub, GRACE_END, graceEnd, expiry);
        }
        schedule(tx, sub, RETRY_END, purchases.rates().days(expiry, purchases.rates().billingRetryDays(), environment), expiry);
      }
      case "GRACE_PERIOD_END" -> state.remove("gracePeriodExpiresDate");
      case "EXPIRE" -> {
        boolean declined = status == 1 && a.path("expiresDate").asLong() <= at && PriceIncreases.declined(a);
        variant = status == 3 || status == 4 ? "billingRetry" : declined ? "priceIncrease" : null;
        state.put("autoRenewStatus", 0).put("isInBillingRetryPeriod", false).put("expirationIntent", declined
            ? increases.expirationIntentWithoutConsent() : variant != null ? 2 : a.path("autoRenewStatus").asInt() == 1 ? 5 : 1);
        state.remove(PriceIncreases.NEEDS_CONSENT);
        state.remove("gracePeriodExpiresDate");
        if (a.path("expiresDate").asLong() > at) {
          state.put("expiresDate", at); // expired now, on request [INFER]
          announced = Ledger.touch(tx, latest, ctx.object().put("expiresDate", at), ctx.nowMillis());
        }
      }
      case "CANCEL_AUTO_RENEW" -> state.put("autoRenewStatus", 0);
      case "ENABLE_AUTO_RENEW" -> state.put("autoRenewStatus", 1).remove("expirationIntent");
      case "UPGRADE" -> {
        Catalogue.Product to = product(tx, app, body == null ? null : body.path("productId").asText(null));
        announced = charge(tx, app, environment, to, latest, at, purchases.rates().end(at, purchases.rates().iso(to.period()), 1, environment),
            regular(tx, to, latest, at), null);
        Ledger.touch(tx, latest, ctx.object().put("isUpgraded", true), ctx.nowMillis());
        long until = announced.attributes().path("expiresDate").asLong();
        state.put("productId", to.productId()).put("autoRenewProductId", to.productId()).put("expiresDate", until).put("renewalDate", until)
            .put("renewalPrice", regular(tx, to, latest, until));
      }
      case "DOWNGRADE" -> state.put("autoRenewProductId", product(tx, app, body == null ? null : body.path("productId").asText(null)).productId());
      case "CANCEL_DOWNGRADE" -> state.put("autoRenewProductId", a.path("productId").asText());
      case "PRICE_INCREASE" -> state.put("priceIncreaseStatus", 0);
      case "ACCEPT_PRICE_INCREASE" -> state.put("priceIncreaseStatus", 1);
      case "REFUND", "REVOKE" -> {
        ObjectNode revocation = ctx.object().put("revocationDate", at)
            .put("revocationReason", body == null ? 0 : body.path("revocationReason").asInt(0))
            .put("revocationType", event.equals("REFUND") ? "REFUND_FULL" : "FAMILY_REVOKE");
        announced = Ledger.touch(tx, latest, revocation, ctx.nowMillis());
        state.put("autoRenewStatus", 0).put("isInBillingRetryPeriod", false);
      }
      default -> throw new IllegalArgumentException(event);
    }
    SubscriptionEvents.Outcome outcome = events.outcome(event, variant);
    if (outcome.status() != null) {
      state.put("status", outcome.status());
    }
    tx.updateAttributes(sub, state);
    Resource updated = tx.find(Ledger.SUBSCRIPTIONS, sub.id()).orElseThrow();
    if (state.path("status").asInt() == 1 && state.path("expiresDate").asLong() != a.path("expiresDate").asLong()) {
      purchases.scheduleDue(tx, updated);
    }
    purchases.emit(tx, app, environment, outcome.type(), outcome.subtype(), announced, updated, updated.attributes().path("status").asInt());
    if (notice != null) {
      purchases.emit(tx, app, environment, "PRICE_INCREASE", notice, announced, updated, updated.attributes().path("status").asInt());
    }
    family.follow(tx, event, latest, announced, updated, outcome, at);
    return updated;
  }

  private Resource charge(StoreTx tx, Resource app, StoreEnvironment environment, Catalogue.Product product, Resource latest, long start,
      long until, long price, ObjectNode offer) {
    var l = latest.attributes();
    String storefront = l.path("storefront").asText();
    Sale sale = new Sale(app, environment, l.path("customer").asText(), product, storefront, l.path("storefrontId").asText(),
        price, l.path("currency").asText(), 1, l.path("appAccountToken").asText(null),
        l.path("appTransactionId").asText(), l.path("originalTransactionId").asText(), l.path("originalPurchaseDate").asLong(), start,
        "RENEWAL", until, offer);
    return purchases.record(tx, sale);
  }

  /** The catalogue's regular price of {@code product} in the latest transaction's storefront on the day of {@code at}. */
  private static long regular(StoreTx tx, Catalogue.Product product, Resource latest, long at) {
    Long price = Catalogue.priceMilli(tx, product, latest.attributes().path("storefront").asText(), Catalogue.priceDay(at));
    return price == null ? latest.attributes().path("price").asLong() : price;
  }

  private Catalogue.Product product(StoreTx tx, Resource app, String productId) {
    if (productId == null) {
      throw new IllegalArgumentException("productId is required: the subscription to change to");
    }
    Catalogue.Product product = Catalogue.find(purchases.graph(), tx, app, productId).filter(Catalogue.Product::subscription)
        .orElseThrow(() -> new IllegalArgumentException("app " + app.id() + " has no subscription " + productId));
    return product;
  }

  private void requireStatus(Resource sub, String event, int status) {
    if (sub.attributes().path("status").asInt() != status) {
      throw new IllegalStateException(event + " needs status " + status + "; subscription " + sub.id() + " has status "
          + sub.attributes().path("status").asInt());
    }
  }

  private void schedule(StoreTx tx, Resource sub, String action, long at, long expiresDate) {
    purchases.ctx().services().scheduler().schedule(tx, Purchases.DUE_TASK, java.time.Instant.ofEpochMilli(at),
        purchases.ctx().object().put("originalTransactionId", sub.id()).put("action", action).put("expiresDate", expiresDate));
  }
}
