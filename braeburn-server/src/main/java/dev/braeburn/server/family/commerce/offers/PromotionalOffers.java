package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;

/**
 * {@code /v1/subscriptionPromotionalOffers} with inline {@code subscriptionPromotionalOfferPrices}:
 * terms from the table, prices by mode, an {@code offerCode} identifier unique in the group, and
 * at most 10 promotional offers per subscription (App Store Connect Help, "Set up promotional
 * offers": up to 10 active offers per subscription).
 */
final class PromotionalOffers {
  static final int LIMIT = 10;

  private final Offers offers;
  private final OfferIdentifiers identifiers;

  PromotionalOffers(Offers offers, OfferIdentifiers identifiers) {
    this.offers = offers;
    this.identifiers = identifiers;
  }

  void install(FamilyContext context) {
    context.handlers().register("subscriptionPromotionalOffers_createInstance", this::create);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource subscription = offers.subscription(tx, created).orElse(null);
      offers.checkTerms(subscription, created, "numberOfPeriods");
      offers.checkPrices(tx, created);
      identifiers.check(tx, subscription, created, "offerCode", OfferErrors.OFFER_CODE);
      int count = subscription == null ? 0 : offers.graph().related(tx, subscription, "promotionalOffers").size();
      if (count > LIMIT) {
        throw OfferErrors.refuse(OfferErrors.tooManyPromotionalOffers(), "Subscription " + subscription.id() + " has " + LIMIT
            + " promotional offers already, Apple's limit per subscription; DELETE one first (limit from App Store Connect Help;"
            + " wording inferred).");
      }
    });
  }
}
