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

/**
 * Redeeming a subscription offer code ({@code offerType} 3): a one-time-use code from hidden type
 * {@code _oneTimeUseOfferCodes} (docs/commerce/offers.md: used once, then {@code redeemedDate};
 * refused when used, expired or of the other environment) or a custom code by its name (at most
 * {@code numberOfCodes} redemptions, while active and not expired). The transaction's
 * {@code offerIdentifier} is the offer code's reference name (StoreKit {@code Transaction.Offer.id}:
 * "the reference name of the offer code").
 */
final class OfferCodeRedemption {
  static final String ONE_TIME_CODES = "_oneTimeUseOfferCodes";
  static final String CUSTOM_CODES = "subscriptionOfferCodeCustomCodes";
  static final String OFFER_CODES = "subscriptionOfferCodes";
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
    LocalDate today = Catalogue.day(purchases.ctx().nowMillis());
    Resource offer = tx.find(ONE_TIME_CODES, code).map(row -> oneTime(tx, row, ask, today)).orElseGet(() -> custom(tx, code, today));
    Resource subscription = purchases.graph().relatedOne(tx, offer, "subscription").orElse(null);
    if (subscription == null || !subscription.id().equals(ask.product().resource().id())) {
      throw AdminJson.invalid("/offer/code", "Code " + code + " is for offer " + offer.id() + " of another subscription, not "
          + ask.product().productId());
    }
    String name = offer.attributes().path("name").asText(offer.id());
    OfferRedemption.require(offers.decide(Eligibility.Kind.OFFER_CODE, offer, ask), "offer code " + name);
    for (Resource t : ask.history()) {
      if (t.attributes().path("offerType").asInt() == 3 && name.equals(t.attributes().path("offerIdentifier").asText())) {
        throw AdminJson.invalid("/offer/code", "Customer already redeemed offer " + name + " (transaction " + t.id()
            + "); one redemption per customer per offer (offers/eligibility.json)");
      }
    }
    return offers.applied(tx, 3, name, offer, "numberOfPeriods", offers.listedPrice(tx, offer, ask, "offer code " + name), ask);
  }

  /** A one-time-use code: unused, unexpired, of this environment; marked redeemed (the purchase's write rolls it back if refused later). */
  private Resource oneTime(StoreTx tx, Resource row, OfferRedemption.Ask ask, LocalDate today) {
    var a = row.attributes();
    if (!a.path("batchType").asText().equals("subscriptionOfferCodeOneTimeUseCodes")) {
      throw AdminJson.invalid("/offer/code", "Code " + row.id() + " is an in-app purchase offer code; only subscription codes are simulated");
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
    Resource offer = tx.find(OFFER_CODES, a.path("offerCodeId").asText("")).orElseThrow(() -> AdminJson.invalid("/offer/code",
        "Code " + row.id() + " belongs to no offer code"));
    ObjectNode redeemed = a.deepCopy().put("redeemedDate", purchases.ctx().now().toString());
    tx.updateAttributes(row, redeemed);
    return offer;
  }

  /** A custom code by name: active, unexpired, redeemed fewer than {@code numberOfCodes} times. */
  private Resource custom(StoreTx tx, String code, LocalDate today) {
    List<Resource> found = tx.list(new ListSpec(CUSTOM_CODES, null, List.of(new Condition.AttributeIn("customCode", ValueKind.STRING,
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
