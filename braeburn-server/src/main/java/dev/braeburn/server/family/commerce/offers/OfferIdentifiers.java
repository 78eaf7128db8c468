package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.regex.Pattern;

/**
 * The identifiers an app passes to StoreKit — a promotional offer's {@code offerCode} and a
 * win-back offer's {@code offerId}: letters, digits, periods, hyphens and underscores, at most 64
 * [INFER: Apple's character rule is unrecorded; product IDs' rule], unique within the subscription
 * group across both kinds (RevenueCat/purchases-ios#4393: promotional offer ids must differ between
 * products of one group).
 */
final class OfferIdentifiers {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Offers offers;

  OfferIdentifiers(Offers offers) {
    this.offers = offers;
  }

  void check(StoreTx tx, Resource subscription, Resource offer, String attribute, String pointer) {
    String identifier = Offers.text(offer, attribute);
    if (identifier == null) {
      return;
    }
    if (!FORM.matcher(identifier).matches()) {
      throw OfferErrors.refuse(OfferErrors.identifierMalformed(attribute, pointer), "The " + attribute + " '" + identifier + "' is what"
          + " the app passes to StoreKit; Braeburn takes letters, digits, '.', '-' and '_', up to 64 characters (rule inferred).");
    }
    if (subscription == null) {
      return;
    }
    for (Resource sibling : offers.groupSubscriptions(tx, subscription)) {
      for (String rel : new String[] {"promotionalOffers", "winBackOffers"}) {
        for (Resource other : offers.graph().related(tx, sibling, rel)) {
          String used = other.type().equals("winBackOffers") ? Offers.text(other, "offerId") : Offers.text(other, "offerCode");
          if (!other.id().equals(offer.id()) && identifier.equals(used)) {
            throw OfferErrors.refuse(OfferErrors.identifierUsed(attribute, pointer), "Offer identifier '" + identifier + "' is already"
                + " used by " + other.type() + " " + other.id() + " of subscription " + sibling.id() + " in the same group; StoreKit"
                + " finds an offer by this identifier, so it is unique within the group (RevenueCat/purchases-ios#4393; wording inferred).");
          }
        }
      }
    }
  }
}
