package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.commerce.offers.Eligibility;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Redeeming an offer code ({@code offerType} 3) of a subscription or — 2025's in-app purchase offer
 * codes — of a consumable, non-consumable or non-renewing subscription ({@link Kind}): a one-time-use code from hidden type
 * {@code _oneTimeUseOfferCodes} (docs/commerce/offers.md: used once, then {@code redeemedDate};
 * refused when used, expired or of the other environment) or a custom code by its name (at most
 * {@code numberOfCodes} redemptions, while active and not expired). The transaction's
 * {@code offerIdentifier} is the offer code's reference name (StoreKit {@code Transaction.Offer.id}:
 * "the reference name of the offer code"; [INFER] the same for in-app purchase codes). An in-app
 * purchase code charges its price in the storefront once, {@code offerDiscountType} ONE_TIME and no
 * {@code offerPeriod}, for customers its {@code customerEligibilities} name (NON_SPENDER,
 * ACTIVE_SPENDER, CHURNED_SPENDER; {@link CustomerStanding#ofProduct}). An inactive offer
 * ({@code active} false) redeems no code.
 */
final class OfferCodeRedemption {
  static final String ONE_TIME_CODES = "_oneTimeUseOfferCodes";
  static final String CUSTOM_CODES = "subscriptionOfferCodeCustomCodes";
  static final String OFFER_CODES = "subscriptionOfferCodes";
  static final String IAP_OFFER_CODES = "inAppPurchaseOfferCodes";
  /** Braeburn's bookkeeping on the redeeming transaction: the code typed, to count a custom code's redemptions. */
  static final String CODE_FIELD = "offerCode";

  private final Purchases purchases;
  private final OfferRedemption offers;

  OfferCodeRedemption(Purchases purchases, OfferRedemption offers) {
    this.purchases = purchases;
    this.offers = offers;
  }

  AppliedOffer redeem(StoreTx tx, OfferRedemption.Ask ask) {
    String code = ask.body().path("offer").path("code").asText("");
    if (code.isBlank()) {
      throw AdminJson.invalid("/offer/code", "OFFER_CODE names the code the customer redeems: {\"type\":\"OFFER_CODE\",\"code\":\"…\"}");
    }
    Kind kind = ask.product().subscription() ? Kind.SUBSCRIPTION : Kind.IN_APP_PURCHASE;
    LocalDate today = Catalogue.day(purchases.ctx().nowMillis());
    Resource offer = tx.find(ONE_TIME_CODES, code).map(row -> oneTime(tx, row, ask, today, kind)).orElseGet(() -> custom(tx, code, today, kind));
    if (!kind.belongs(purchases, tx, offer, ask.product())) {
      throw AdminJson.invalid("/offer/code", "Code " + code + " is for offer " + offer.id() + " of another product, not " + ask.product().productId());
    }
    String name = offer.attributes().path("name").asText(offer.id());
    if (offer.attributes().has("active") && !offer.attributes().path("active").asBoolean(true)) {
      throw AdminJson.invalid("/offer/code", "Offer code " + name + " is inactive (active: false); activate it in App Store Connect first");
    }
    OfferRedemption.require(offers.decide(kind.eligibility, offer, ask), "offer code " + name);
    for (Resource t : ask.history()) {
      var a = t.attributes();
      if (a.path("offerType").asInt() == 3 && name.equals(a.path("offerIdentifier").asText())
          && ask.product().productId().equals(a.path("productId").asText(ask.product().productId()))) {
        throw AdminJson.invalid("/offer/code", "Customer already redeemed offer " + name + " (transaction " + t.id()
            + "); one redemption per customer per offer (offers/eligibility.json)");
      }
    }
    Optional<Long> price = offers.listedPrice(tx, offer, ask, "offer code " + name);
    return kind == Kind.SUBSCRIPTION ? offers.applied(tx, 3, name, offer, "numberOfPeriods", price, ask)
        : new AppliedOffer(3, name, AppliedOffer.ONE_TIME, null, 1, price.orElseGet(() -> offers.regularPrice(tx, ask)));
  }

  /** The two offer code families: their batch and custom code types, the offer's type and eligibility table, and a product's offers. */
  enum Kind {
    SUBSCRIPTION("subscriptionOfferCodeOneTimeUseCodes", CUSTOM_CODES, Eligibility.Kind.OFFER_CODE),
    /** 2025 in-app purchase offer codes (spec 4.4.1): linked from the in-app purchase's {@code offerCodes}, as the spec reads them. */
    IN_APP_PURCHASE("inAppPurchaseOfferCodeOneTimeUseCodes", "inAppPurchaseOfferCodeCustomCodes", Eligibility.Kind.IN_APP_PURCHASE_OFFER_CODE);

    final String batchType;
    final String customType;
    final Eligibility.Kind eligibility;

    Kind(String batchType, String customType, Eligibility.Kind eligibility) {
      this.batchType = batchType;
      this.customType = customType;
      this.eligibility = eligibility;
    }

    /** Whether {@code offer} is one of the product's (a subscription code names its subscription; an in-app purchase lists its codes). */
    boolean belongs(Purchases purchases, StoreTx tx, Resource offer, Catalogue.Product product) {
      if (this == SUBSCRIPTION) {
        return purchases.graph().relatedOne(tx, offer, "subscription").map(s -> s.id().equals(product.resource().id())).orElse(false);
      }
      return purchases.graph().related(tx, product.resource(), "offerCodes").stream().anyMatch(o -> o.id().equals(offer.id()));
    }
  }

  /** A one-time-use code: unused, unexpired, of this environment; marked redeemed (the purchase's write rolls it back if refused later). */
  private Resource oneTime(StoreTx tx, Resource row, OfferRedemption.Ask ask, LocalDate today, Kind kind) {
    var a = row.attributes();
    if (!a.path("batchType").asText().equals(kind.batchType)) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " is a code of " + a.path("batchType").asText() + "; "
          + ask.product().productId() + " redeems " + kind.batchType);
    }
    if (a.hasNonNull("redeemedDate")) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " was already redeemed on " + a.path("redeemedDate").asText()
          + "; a one-time-use code redeems once");
    }
    String expires = a.path("expirationDate").asText(null);
    if (expires != null && today.isAfter(LocalDate.parse(expires))) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " expired on " + expires + " (today " + today + ", virtual clock)");
    }
    String environment = a.path("environment").asText("PRODUCTION");
    if (!environment.equalsIgnoreCase(ask.environment().wire())) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " is a " + environment + " code; this purchase is in "
          + ask.environment().wire() + " (a batch's environment decides where its codes redeem)");
    }
    boolean batchActive = tx.find(kind.batchType, a.path("batchId").asText("")).map(b -> b.attributes().path("active").asBoolean(true))
        .orElse(true);
    if (!batchActive) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " is of batch " + a.path("batchId").asText() + ", which is deactivated");
    }
    Resource offer = tx.find(kind == Kind.SUBSCRIPTION ? OFFER_CODES : IAP_OFFER_CODES, a.path("offerCodeId").asText("")).orElseThrow(() -> AdminJson.invalid("/offer/code",
        "Code " + row.id() + " belongs to no offer code"));
    ObjectNode redeemed = a.deepCopy().put("redeemedDate", purchases.ctx().now().toString());
    tx.updateAttributes(row, redeemed);
    return offer;
  }

  /** A custom code by name: active, unexpired, redeemed fewer than {@code numberOfCodes} times. */
  private Resource custom(StoreTx tx, String code, LocalDate today, Kind kind) {
    List<Resource> found = tx.list(new ListSpec(kind.customType, null, List.of(new Condition.AttributeIn("customCode", ValueKind.STRING,
        List.of(code))), List.of(), null, 1)).items();
    if (found.isEmpty()) {
      throw AdminJson.invalid("/offer/code", "No one-time-use or custom offer code '" + code + "' in this team");
    }
    Resource custom = found.getFirst();
    var a = custom.attributes();
    if (a.has("active") && !a.path("active").asBoolean(true)) {
      throw AdminJson.invalid("/offer/code", "Custom code " + code + " is deactivated");
    }
    String expires = a.path("expirationDate").asText(null);
    if (expires != null && today.isAfter(LocalDate.parse(expires))) {
      throw AdminJson.invalid("/offer/code", "Custom code " + code + " expired on " + expires + " (today " + today + ", virtual clock)");
    }
    int redeemed = Ledger.list(tx, Ledger.TRANSACTIONS, CODE_FIELD, code).size();
    if (a.path("numberOfCodes").canConvertToInt() && redeemed >= a.path("numberOfCodes").asInt()) {
      throw AdminJson.invalid("/offer/code", "Custom code " + code + " was redeemed " + redeemed + " times, all of its numberOfCodes");
    }
    return purchases.graph().relatedOne(tx, custom, "offerCode").orElseThrow(() -> AdminJson.invalid("/offer/code",
        "Custom code " + code + " belongs to no offer code"));
  }
}
