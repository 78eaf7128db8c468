package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;

/**
 * {@code /v1/winBackOffers}: terms from the table ({@code periodCount}), prices by mode, an
 * {@code offerId} unique in the group, dates in order, and the eligibility attributes within the
 * bounds App Store Connect offers (paid duration and months since last subscribed 1–24 with
 * minimum ≤ maximum, wait between offers 0–24 [INFER: the pickers' bounds are unrecorded]).
 */
final class WinBackOffers {
  static final int MAX_MONTHS = 24;

  private final Offers offers;
  private final OfferIdentifiers identifiers;

  WinBackOffers(Offers offers, OfferIdentifiers identifiers) {
    this.offers = offers;
    this.identifiers = identifiers;
  }

  void install(FamilyContext context) {
    context.handlers().register("winBackOffers_createInstance", this::create).register("winBackOffers_updateInstance", this::update);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource subscription = offers.linkFromParent(tx, ctx.body()::relationships, "subscription", "winBackOffers", created).orElse(null);
      offers.checkTerms(subscription, created, "periodCount");
      offers.checkPrices(tx, subscription, created);
      identifiers.check(tx, subscription, created, "offerId", OfferErrors.OFFER_ID);
      checkEligibility(created);
      IntroductoryOffers.checkDates(created, OfferErrors.END);
    });
  }

  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      Resource changed = new Resource(stored.type(), stored.id(), stored.seq(), merged);
      checkEligibility(changed);
      IntroductoryOffers.checkDates(changed, OfferErrors.END);
    });
  }

  private static void checkEligibility(Resource offer) {
    JsonNode a = offer.attributes();
    within(a.get("customerEligibilityPaidSubscriptionDurationInMonths"), 1, "customerEligibilityPaidSubscriptionDurationInMonths");
    within(a.get("customerEligibilityWaitBetweenOffersInMonths"), 0, "customerEligibilityWaitBetweenOffersInMonths");
    JsonNode range = a.get("customerEligibilityTimeSinceLastSubscribedInMonths");
    String name = "customerEligibilityTimeSinceLastSubscribedInMonths";
    if (range != null && range.isObject()) {
      within(range.get("minimum"), 1, name);
      within(range.get("maximum"), 1, name);
      if (range.path("minimum").canConvertToInt() && range.path("maximum").canConvertToInt()
          && range.get("minimum").asInt() > range.get("maximum").asInt()) {
        throw OfferErrors.refuse(OfferErrors.winBackRange(name, "must have a minimum no greater than its maximum"), "The win-back offer"
            + " asks for customers lapsed between " + range.get("minimum").asInt() + " and " + range.get("maximum").asInt()
            + " months; the minimum comes first (refusal inferred).");
      }
    }
  }

  private static void within(JsonNode value, int min, String attribute) {
    if (value != null && value.canConvertToInt() && (value.asInt() < min || value.asInt() > MAX_MONTHS)) {
      throw OfferErrors.refuse(OfferErrors.winBackRange(attribute, "must be between " + min + " and " + MAX_MONTHS + " months"),
          "A win-back offer's " + attribute + " is " + value.asInt() + "; App Store Connect takes " + min + " to " + MAX_MONTHS
          + " months (bounds inferred).");
    }
  }
}
