package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.HashSet;
import java.util.Set;

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
    context.handlers().register("subscriptionPromotionalOffers_createInstance", this::create)
        .register("subscriptionPromotionalOffers_updateInstance", this::update);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, this::afterCreate);
  }

  /** The rules of a new offer, created by its own POST or inline by a subscription's PATCH ({@link InlineOffers}). */
  void afterCreate(StoreTx tx, Resource created) {
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
  }

  /**
   * {@code PATCH} replaces the offer's prices (the spec's only writable member): the prices it names
   * — inline-created ones in {@code included} — become the offer's, the ones it leaves out are
   * deleted, and the new set is judged as a create's would be ({@link Offers#checkPrices}).
   */
  ApiResponse update(OperationContext ctx) {
    JsonNode named = ctx.body().relationships().get("prices");
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      if (named != null && named.isArray()) {
        Set<String> keep = new HashSet<>();
        named.forEach(p -> keep.add(p.path("id").asText()));
        offers.graph().related(tx, stored, "prices").stream().filter(p -> !keep.contains(p.id())).forEach(p -> tx.delete(p.type(), p.id()));
      }
    }, offers::checkPrices);
  }
}
