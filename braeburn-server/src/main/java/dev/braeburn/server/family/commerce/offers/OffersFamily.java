package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;

/**
 * Subscription and in-app purchase offers (docs/commerce/offers.md): introductory and promotional
 * offers, offer codes with custom codes and one-time-use batches (whose {@code values} file it
 * serves), and win-back offers. Terms and eligibility are data ({@code terms.json},
 * {@code eligibility.json}); {@link Eligibility} is what the App Store Server API applies at purchase.
 */
public final class OffersFamily implements Family {
  private volatile OneTimeUseCodes oneTimeUseCodes;

  @Override
  public void install(FamilyContext context) {
    Offers offers = Offers.of(context.services());
    OfferIdentifiers identifiers = new OfferIdentifiers(offers);
    IntroductoryOffers introductory = new IntroductoryOffers(offers);
    introductory.install(context);
    PromotionalOffers promotional = new PromotionalOffers(offers, identifiers);
    promotional.install(context);
    InlineOffers.install(context, introductory, promotional);
    new WinBackOffers(offers, identifiers).install(context);
    OfferCodes offerCodes = new OfferCodes(offers, new CodeQuota(offers));
    offerCodes.install(context);
    oneTimeUseCodes = new OneTimeUseCodes(offers, offerCodes);
    oneTimeUseCodes.install(context);
  }

  /** A loaded one-time-use batch gets its codes file, as one created through the API ({@link OneTimeUseCodes#afterLoad}). */
  @Override
  public void afterLoad(StoreTx tx, List<Resource> loaded) {
    if (oneTimeUseCodes != null) {
      oneTimeUseCodes.afterLoad(tx, loaded);
    }
  }
}
