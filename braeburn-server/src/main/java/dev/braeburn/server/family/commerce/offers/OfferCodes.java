package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Offer codes: {@code subscriptionOfferCodes} (terms from the table, inline prices by mode —
 * {@code prices} is required in every mode, rorkai/App-Store-Connect-CLI#1659) and
 * {@code inAppPurchaseOfferCodes} (spec 4.4.1; linked to their in-app purchase, whose relationship
 * the spec does not read back), and their custom codes: letters and digits, at most 64, unique in
 * the team [INFER: Apple says "unique"; the scope and character set are unrecorded], each adding its
 * {@code numberOfCodes} to the offer's counts.
 */
final class OfferCodes {
  private static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9]{1,64}");
  static final int MAX_CUSTOM_REDEMPTIONS = 1_000_000;

  private final Offers offers;
  private final CodeQuota quota;

  OfferCodes(Offers offers, CodeQuota quota) {
    this.offers = offers;
    this.quota = quota;
  }

  void install(FamilyContext context) {
    context.handlers().register("subscriptionOfferCodes_createInstance", this::createSubscriptionOfferCode)
        .register("inAppPurchaseOfferCodes_createInstance", this::createInAppPurchaseOfferCode)
        .register("subscriptionOfferCodeCustomCodes_createInstance", this::createCustomCode)
        .register("inAppPurchaseOfferCodeCustomCodes_createInstance", this::createCustomCode);
  }

  ApiResponse createSubscriptionOfferCode(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      offers.checkTerms(offers.subscription(tx, created).orElse(null), created, "numberOfPeriods");
      offers.checkPrices(tx, created);
    });
  }

  ApiResponse createInAppPurchaseOfferCode(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> offers.linkFromParent(tx, ctx.body()::relationships, "inAppPurchase", "offerCodes", created)
        .ifPresent(iap -> quota.remember(tx, created, iap)));
  }

  ApiResponse createCustomCode(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      String code = Offers.text(created, "customCode");
      if (code != null && !CUSTOM.matcher(code).matches()) {
        throw OfferErrors.refuse(OfferErrors.customCodeMalformed(), "Custom code '" + code + "' is what customers type in; Braeburn takes"
            + " 1 to 64 letters and digits (rule inferred).");
      }
      if (code != null && used(tx, created, code)) {
        throw OfferErrors.refuse(OfferErrors.customCodeUsed(), "Custom code '" + code + "' is already an offer's custom code in this team;"
            + " a code names one offer (uniqueness scope inferred).");
      }
      int count = created.attributes().path("numberOfCodes").asInt(0);
      if (created.attributes().path("numberOfCodes").canConvertToInt() && (count < 1 || count > MAX_CUSTOM_REDEMPTIONS)) {
        throw OfferErrors.refuse(OfferErrors.numberOfCodes(MAX_CUSTOM_REDEMPTIONS), "numberOfCodes is how many times the custom code may"
            + " be redeemed; App Store Connect Help gives an app up to 1,000,000 codes a quarter (bounds inferred).");
      }
      checkExpiration(created);
      offers.graph().relatedOne(tx, created, "offerCode").ifPresent(offer -> addCodes(tx, offer, count, "PRODUCTION"));
    });
  }

  /** [INFER] a custom code's optional expiration date must be in the future. */
  private void checkExpiration(Resource created) {
    java.time.LocalDate expires = Offers.date(created, "expirationDate");
    if (expires != null && !expires.isAfter(offers.today())) {
      throw OfferErrors.refuse(OfferErrors.expiration("The expiration date must be in the future"), "Expiration date " + expires
          + " is not after today, " + offers.today() + " (virtual clock); refusal inferred.");
    }
  }

  private static boolean used(StoreTx tx, Resource created, String code) {
    ListSpec spec = new ListSpec(created.type(), null, List.of(new Condition.AttributeIn("customCode", ValueKind.STRING, List.of(code))),
        List.of(), null, 2);
    return tx.list(spec).items().stream().anyMatch(r -> !r.id().equals(created.id()));
  }

  /**
   * Adds a batch's codes to the offer's counts: the environment's count and {@code totalNumberOfCodes}
   * (subscription offers), after taking them from the app's quarter ({@link CodeQuota}).
   */
  void addCodes(StoreTx tx, Resource offer, int count, String environment) {
    quota.take(tx, offer, count, environment);
    ObjectNode a = offer.attributes();
    boolean sandbox = "SANDBOX".equals(environment);
    int production = a.path("productionCodeCount").asInt(0) + (sandbox ? 0 : count);
    int sandboxCount = a.path("sandboxCodeCount").asInt(0) + (sandbox ? count : 0);
    ObjectNode changes = offers.graph().object().put("productionCodeCount", production).put("sandboxCodeCount", sandboxCount);
    if (offer.type().equals("subscriptionOfferCodes")) {
      changes.put("totalNumberOfCodes", production + sandboxCount);
    }
    offers.graph().update(tx, offer, changes);
  }
}
