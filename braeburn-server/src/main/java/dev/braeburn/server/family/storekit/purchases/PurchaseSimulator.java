package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.commerce.offers.Eligibility;
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
  private static final Set<Integer> LIVE = Set.of(1, 3, 4);
  private final Purchases purchases;
  private final AdminJson json;

  PurchaseSimulator(Purchases purchases, AdminJson json) {
    this.purchases = purchases;
    this.json = json;
  }

  ApiResponse handle(ApiRequest req) {
    if (!req.method().equals("POST") || !req.path().equals("/_braeburn/storekit/purchases")) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    JsonNode body = json.requiredObject(req, "a purchase: {\"bundleId\", \"productId\", \"quantity\"?, \"appAccountToken\"?, \"offer\"?,"
        + " \"storefront\"?, \"customer\"?, \"environment\"?}");
    String team = AdminJson.team(purchases.ctx().services().store(), req);
    return json.json(201, purchases.ctx().services().store().write(team, tx -> buy(tx, body)));
  }

  private ObjectNode buy(StoreTx tx, JsonNode body) {
    PurchaseContext ctx = purchases.ctx();
    String bundleId = required(body, "bundleId");
    Resource app = StoreKitApps.byBundleId(tx, bundleId).orElseThrow(() -> AdminJson.notFound("No app of this team has bundle ID " + bundleId));
    StoreEnvironment environment = body.hasNonNull("environment") ? StoreEnvironment.parse(body.get("environment").asText())
        .orElseThrow(() -> AdminJson.invalid("/environment", "environment must be Sandbox or Production")) : StoreKitApps.environment(app);
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
    Long price = Catalogue.priceMilli(tx, product, storefront, Catalogue.day(now));
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
    List<Resource> history = Ledger.transactionsOf(tx, app.id(), customer, environment);
    refuseRepeat(tx, product, history, app, customer, environment);
    String appTransactionId = AppTransactions.ensure(ctx, tx, app, customer, environment).id();
    Resource previous = product.subscription() ? previousSubscription(tx, app, customer, environment, product.group()) : null;
    ObjectNode offer = product.subscription() ? introductoryOffer(tx, body, product, storefront, history) : null;
    long charged = offer != null && "FREE_TRIAL".equals(offer.path("offerDiscountType").asText()) ? 0 : price;
    Long expires = null;
    if (product.subscription()) {
      String iso = offer != null ? offer.remove("periodOnce").asText() : purchases.rates().iso(product.period());
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
        token, appTransactionId, original, originalDate, now, "PURCHASE", expires, offer);
    Resource transaction = purchases.record(tx, sale);
    if (product.subscription()) {
      Resource sub = purchases.startSubscription(tx, sale, transaction);
      String type = offer != null ? "OFFER_REDEEMED" : "SUBSCRIBED";
      purchases.emit(tx, app, environment, type, previous == null ? "INITIAL_BUY" : "RESUBSCRIBE", transaction, sub, 1);
    } else {
      purchases.emit(tx, app, environment, "ONE_TIME_CHARGE", null, transaction, null, null);
    }
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
      if (a.path("appId").asText().equals(app.id()) && a.path("environment").asText().equals(environment.wire())
          && a.path("subscriptionGroupIdentifier").asText().equals(group)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The introductory offer StoreKit applies by itself when the customer is eligible
   * ({@code offers/eligibility.json}); {@code "offer": "INTRODUCTORY"} insists on it (refused when
   * not eligible), {@code "offer": "NONE"} declines it. Other offer kinds are not simulated yet.
   */
  private ObjectNode introductoryOffer(StoreTx tx, JsonNode body, Catalogue.Product product, String storefront, List<Resource> history) {
    String asked = body.path("offer").isObject() ? body.path("offer").path("type").asText("") : body.path("offer").asText("");
    if (asked.equals("NONE")) {
      return null;
    }
    if (!asked.isEmpty() && !asked.equals("INTRODUCTORY")) {
      throw AdminJson.invalid("/offer", "offer is INTRODUCTORY or NONE; promotional, offer-code and win-back purchases are not simulated yet");
    }
    Resource offer = Catalogue.introductoryOffer(purchases.graph(), tx, product, storefront).orElse(null);
    if (offer == null) {
      if (asked.isEmpty()) {
        return null;
      }
      throw AdminJson.invalid("/offer", product.productId() + " has no introductory offer in " + storefront);
    }
    boolean hadIntro = false;
    boolean subscribedNow = false;
    boolean ever = false;
    for (Resource t : history) {
      var a = t.attributes();
      if (product.group().equals(a.path("subscriptionGroupIdentifier").asText())) {
        ever = true;
        hadIntro |= a.path("offerType").asInt() == 1;
        subscribedNow |= a.path("expiresDate").asLong() > purchases.ctx().nowMillis() && !a.has("revocationDate");
      }
    }
    Eligibility.Decision decision = purchases.ctx().eligibility().allows(Eligibility.Kind.INTRODUCTORY, offer.attributes(),
        new Eligibility.CustomerHistory(subscribedNow, ever, hadIntro, 0, null, null, false, ever, subscribedNow),
        Catalogue.day(purchases.ctx().nowMillis()));
    if (!decision.allowed()) {
      if (asked.isEmpty()) {
        return null;
      }
      throw AdminJson.invalid("/offer", "Not eligible for the introductory offer of " + product.productId() + ": " + decision.reason());
    }
    var a = offer.attributes();
    String mode = a.path("offerMode").asText();
    String unit = purchases.rates().iso(a.path("duration").asText());
    int periods = Math.max(1, a.path("numberOfPeriods").asInt(1));
    String total = unit == null ? null : multiply(unit, periods);
    ObjectNode out = purchases.ctx().object().put("offerType", 1).put("offerDiscountType", mode).put("offerPeriod", total);
    // The first transaction of a pay-as-you-go offer covers one period; free trials and pay-up-front the whole offer [INFER].
    return out.put("periodOnce", mode.equals("PAY_AS_YOU_GO") ? unit : total);
  }

  /** {@code P1W} × 2 → {@code P2W}; the sum must be a period renewal-rates.json lists. */
  private static String multiply(String iso, int count) {
    if (count == 1) {
      return iso;
    }
    int n = Integer.parseInt(iso.substring(1, iso.length() - 1)) * count;
    String unit = iso.substring(iso.length() - 1);
    return unit.equals("M") && n == 12 ? "P1Y" : "P" + n + unit;
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw AdminJson.invalid("/" + field, field + " is required");
    }
    return value;
  }
}
