package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An offer still running on a subscription: the pay-as-you-go periods after the first, charged at
 * the offer's price at each renewal with the offer's fields on the transaction (§3.3), while the
 * renewal info shows the offer that applies to the next renewal ({@code offerType},
 * {@code offerIdentifier}, {@code offerDiscountType}, {@code offerPeriod}, §3.4) and its
 * {@code renewalPrice}. Kept in the subscription record under Braeburn's own fields.
 */
final class OfferState {
  static final String CHARGES = "offerCharges";
  static final String PRICE = "offerPrice";
  static final String UNIT = "offerUnit";
  static final String FIELDS = "offerFields";
  /** The product the offer is for: a downgrade's offer waits for the renewal that switches to it. */
  static final String PRODUCT = "offerProduct";
  /** The renewal info's offer fields (§3.4). */
  static final List<String> RENEWAL_FIELDS = List.of("offerType", "offerIdentifier", "offerDiscountType", "offerPeriod");
  static final List<String> INTERNAL = List.of(CHARGES, PRICE, UNIT, FIELDS, PRODUCT);

  /** One renewal charged under the offer. */
  record Charge(ObjectNode fields, long price, String unitIso) {}

  private OfferState() {}

  /** Records {@code charges} more periods of {@code offer} on the subscription's state (none: clears the offer). */
  static void start(ObjectNode state, AppliedOffer offer, int charges, long regularPrice, String productId) {
    state.remove(RENEWAL_FIELDS);
    state.remove(INTERNAL);
    if (offer == null || charges <= 0) {
      state.put("renewalPrice", regularPrice);
      return;
    }
    offer.fields(state);
    state.put("renewalPrice", offer.priceMilli()).put(CHARGES, charges).put(PRICE, offer.priceMilli()).put(UNIT, offer.chargeIso())
        .put(PRODUCT, productId).set(FIELDS, offer.fields(state.objectNode()));
  }

  /** The next renewal's charge of {@code productId} under the offer, or null; counts it off, clearing the offer after its last period. */
  static Charge next(ObjectNode state, String productId) {
    int left = state.path(CHARGES).asInt(0);
    if (left <= 0 || !productId.equals(state.path(PRODUCT).asText(productId))) {
      return null;
    }
    Charge charge = new Charge(((ObjectNode) state.get(FIELDS)).deepCopy(), state.path(PRICE).asLong(), state.path(UNIT).asText());
    if (left == 1) {
      state.remove(RENEWAL_FIELDS);
      state.remove(INTERNAL);
    } else {
      state.put(CHARGES, left - 1);
    }
    return charge;
  }
}
