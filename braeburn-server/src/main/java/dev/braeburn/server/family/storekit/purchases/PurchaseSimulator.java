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
import dev.braeburn.server.storekit.StoreKitApps;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /_braeburn/storekit/purchases}: what happens when a customer buys in the app — the
 * App Store charges the catalogue's price in the storefront and StoreKit hands the app a signed
 * transaction; Braeburn records it, starts a subscription's renewals and sends the notification.
 */
final class PurchaseSimulator {
  static final Set<Integer> LIVE = Set.of(1, 3, 4);
  private final Purchases purchases;
  private final AdminJson json;
  private final OfferRedemption redemption;
  private final ActiveSubscriptionOffer activeOffers;
  private final FamilySharing family;

  PurchaseSimulator(Purchases purchases, AdminJson json) {
    this.purchases = purchases;
    this.json = json;
    this.redemption = new OfferRedemption(purchases);
    this.activeOffers = new ActiveSubscriptionOffer(purchases, redemption);
    this.family = new FamilySharing(purchases);
  }

  ApiResponse handle(ApiRequest req) {
    if (!req.method().equals("POST") || !req.path().equals("/_braeburn/storekit/purchases")) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    JsonNode body = json.requiredObject(req, "a purchase: {\"bundleId\", \"productId\", \"quantity\"?, \"appAccountToken\"?, \"offer\"?,"
        + " \"storefront\"?, \"customer\"?, \"environment\"?, \"familyMembers\"?}");
    String team = AdminJson.team(purchases.ctx().services().store(), req);
    // Checked before the write: the key lives in the store's key table, outside the team's transaction.
    OfferSignature signature = OfferSignature.verify(purchases.ctx().services().store(), purchases.ctx().services().mapper(), team, body,
        purchases.ctx().nowMillis());
    return json.json(201, purchases.ctx().services().store().write(team, tx -> buy(tx, body, signature)));
  }

  private ObjectNode buy(StoreTx tx, JsonNode body, OfferSignature signature) {
    PurchaseContext ctx = purchases.ctx();
    String bundleId = required(body, "bundleId");
    Resource app = StoreKitApps.byBundleId(tx, bundleId).orElseThrow(() -> AdminJson.notFound("No app of this team has bundle ID " + bundleId));
    StoreEnvironment environment = dev.braeburn.server.family.storekit.AdminEnvironment.of(tx, app, body);
    String productId = required(body, "productId");
    Catalogue.Product product = Catalogue.find(purchases.graph(), tx, app, productId).orElseThrow(() -> AdminJson.notFound(
        "App " + app.id() + " (" + bundleId + ") has no in-app purchase or subscription with product ID " + productId));
    String notForSale = Catalogue.notForSale(product, environment);
    if (notForSale != null) {
      throw AdminJson.invalid("/productId", "Not for sale: " + notForSale);
    }
    String storefront = body.path("storefront").asText("USA");
    String storefrontId = ctx.storefronts().path(storefront).asText(null);
    if (storefrontId == null) {
      throw AdminJson.invalid("/storefront", "storefront must be a territory (ISO 3166-1 alpha-3) whose Apple storefront id Braeburn knows: "
          + ctx.storefronts().properties().stream().map(e -> e.getKey()).toList());
    }
    long now = ctx.nowMillis();
    Long price = Catalogue.priceMilli(tx, product, storefront, Catalogue.priceDay(now));
    if (price == null) {
      throw AdminJson.invalid("/productId", productId + " has no price (set its price schedule or subscription prices first)");
    }
    int quantity = body.path("quantity").asInt(1);
    if (quantity < 1 || quantity > 10 || (quantity > 1 && !product.type().equals("Consumable"))) {
      throw AdminJson.invalid("/quantity", "quantity is 1 to 10, and above 1 only for consumables [inferred bound]; got " + quantity);
    }
    String token = body.path("appAccountToken").asText(null);
    if (token != null) {
      try {
        UUID.fromString(token);
      } catch (IllegalArgumentException e) {
        throw AdminJson.invalid("/appAccountToken", "appAccountToken must be a UUID; got '" + token + "'");
      }
    }
    String customer = body.path("customer").asText("default");
    List<String> familyMembers = FamilySharing.members(body, product, customer);
    List<Resource> history = Ledger.transactionsOf(tx, app.id(), customer, environment);
    if (signature != null) {
      signature.spend(tx, app, productId, history, customer, now);
    }
    Resource live = product.subscription() ? previousSubscription(tx, app, customer, environment, product.group()) : null;
    if (live != null && ActiveSubscriptionOffer.applies(body, live)) {
      return activeOffers.redeem(tx, new OfferRedemption.Ask(body, product, storefront, history, environment, true), app, live);
    }
    refuseRepeat(tx, product, history, app, customer, environment);
    String appTransactionId = AppTransactions.ensure(ctx, tx, app, customer, environment).id();
    Resource previous = product.subscription() ? previousSubscription(tx, app, customer, environment, product.group()) : null;
    OfferRedemption.Ask ask = new OfferRedemption.Ask(body, product, storefront, history, environment, true);
    AppliedOffer offer = product.subscription() ? redemption.resolve(tx, ask) : redemption.resolveOneTime(tx, ask);
    long charged = offer != null ? offer.priceMilli() : price;
    Long expires = null;
    if (product.subscription()) {
      String iso = offer != null ? offer.chargeIso() : purchases.rates().iso(product.period());
      try {
        expires = purchases.rates().end(now, iso, 1, environment);
      } catch (IllegalArgumentException e) {
        throw AdminJson.invalid("/productId", product.productId() + " runs for a period Braeburn has no rate for (" + iso + " from "
            + product.period() + "); renewal-rates.json lists the periods it knows");
      }
    }
    String original = previous == null ? null : previous.id();
    Long originalDate = previous == null ? null : Ledger.chain(tx, previous.id()).getFirst().attributes().path("originalPurchaseDate").asLong();
    Sale sale = new Sale(app, environment, customer, product, storefront, storefrontId, charged, Catalogue.currency(storefront), quantity,
        token, appTransactionId, original, originalDate, now, "PURCHASE", expires, offerFields(offer, body));
    Resource transaction = purchases.record(tx, sale);
    Resource sub = null;
    if (product.subscription()) {
      sub = purchases.startSubscription(tx, sale, transaction, offer);
      // An introductory offer is no redeemed offer: a free trial's start is SUBSCRIBED/INITIAL_BUY; OFFER_REDEEMED is for
      // promotional, offer-code and win-back offers (server-api.md §3.7) [INFER: Apple's docs tie OFFER_REDEEMED to "subscription offers"]
      String type = offer != null && offer.offerType() != AppliedOffer.INTRODUCTORY ? "OFFER_REDEEMED" : "SUBSCRIBED";
      purchases.emit(tx, app, environment, type, previous == null ? "INITIAL_BUY" : "RESUBSCRIBE", transaction, sub, 1);
    } else {
      purchases.emit(tx, app, environment, "ONE_TIME_CHARGE", null, transaction, null, null);
    }
    ObjectNode out = answer(ctx, tx, transaction, environment);
    return familyMembers.isEmpty() ? out : out.set("familyMembers", family.share(tx, transaction, sub, familyMembers));
  }

  /** The simulator's answer: the transaction's ids, order, environment and the JWS StoreKit hands the app. */
  static ObjectNode answer(PurchaseContext ctx, StoreTx tx, Resource transaction, StoreEnvironment environment) {
    ObjectNode out = ctx.object().put("transactionId", transaction.id())
        .put("originalTransactionId", transaction.attributes().path("originalTransactionId").asText());
    out.put("orderId", transaction.attributes().path("orderId").asText()).put("environment", environment.wire());
    return out.put("signedTransaction", ctx.sign(tx, Ledger.decoded(transaction)));
  }

  /** A non-consumable owned, or a subscription live in the group, cannot be bought again [INFER: wording; StoreKit says it is already purchased]. */
  private void refuseRepeat(StoreTx tx, Catalogue.Product product, List<Resource> history, Resource app, String customer,
      StoreEnvironment environment) {
    if (product.type().equals("Non-Consumable")) {
      for (Resource t : history) {
        if (t.attributes().path("productId").asText().equals(product.productId()) && !t.attributes().has("revocationDate")) {
          throw AdminJson.invalid("/productId", "Customer '" + customer + "' already owns the non-consumable " + product.productId()
              + " (transaction " + t.id() + "); the App Store does not sell it twice. Refund it first, or buy as another customer.");
        }
      }
    }
    if (product.subscription()) {
      Resource sub = previousSubscription(tx, app, customer, environment, product.group());
      if (sub != null && LIVE.contains(sub.attributes().path("status").asInt())) {
        throw AdminJson.invalid("/productId", "Customer '" + customer + "' already has subscription " + sub.id() + " in group "
            + product.group() + " (status " + sub.attributes().path("status").asInt() + "); change product with an UPGRADE or DOWNGRADE"
            + " event at /_braeburn/storekit/subscriptions/" + sub.id() + "/events");
      }
    }
  }

  /** The customer's subscription record in the group (Apple keeps one originalTransactionId per group and account). */
  static Resource previousSubscription(StoreTx tx, Resource app, String customer, StoreEnvironment environment, String group) {
    for (Resource s : Ledger.list(tx, Ledger.SUBSCRIPTIONS, "customer", customer)) {
      var a = s.attributes();
      if (a.path("appId").asText().equals(app.id()) && a.path("environment").asText().equals(environment.wire()) && !FamilySharing.isMember(s)
          && a.path("subscriptionGroupIdentifier").asText().equals(group)) {
        return s;
      }
    }
    return null;
  }

  /** The offer fields of the first transaction, with the redeemed code kept aside (Braeburn's count of a custom code's uses). */
  private ObjectNode offerFields(AppliedOffer offer, JsonNode body) {
    if (offer == null) {
      return null;
    }
    ObjectNode fields = offer.fields(purchases.ctx().object());
    if (offer.offerType() == 3) {
      fields.put(OfferCodeRedemption.CODE_FIELD, body.path("offer").path("code").asText());
    }
    return fields;
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw AdminJson.invalid("/" + field, field + " is required");
    }
    return value;
  }
}
