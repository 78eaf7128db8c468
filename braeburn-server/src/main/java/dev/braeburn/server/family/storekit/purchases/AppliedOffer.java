package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An offer a purchase redeems (server-api.md §3.3): its {@code offerType} (1 introductory, 2
 * promotional, 3 offer code, 4 win-back), {@code offerIdentifier} (none for introductory offers),
 * discount mode, one period ({@code unitIso}) × {@code periods}, and the price charged for it in
 * the storefront's milliunits — the whole offer for pay-up-front, each period for pay-as-you-go,
 * 0 for a free trial.
 */
record AppliedOffer(int offerType, String identifier, String mode, String unitIso, int periods, long priceMilli) {
  /** {@code offerType} 1: the introductory offer (server-api.md §3.3). */
  static final int INTRODUCTORY = 1;
  static final String PAY_AS_YOU_GO = "PAY_AS_YOU_GO";
  /** An in-app purchase offer code's discount (Apple's library added ONE_TIME with "IAP Offer Codes support"); it has no period. */
  static final String ONE_TIME = "ONE_TIME";

  /** The whole offer as an ISO-8601 duration: {@code P1M} × 3 → {@code P3M} (the transaction's {@code offerPeriod}). */
  String totalIso() {
    if (periods == 1) {
      return unitIso;
    }
    int n = Integer.parseInt(unitIso.substring(1, unitIso.length() - 1)) * periods;
    String unit = unitIso.substring(unitIso.length() - 1);
    return unit.equals("M") && n == 12 ? "P1Y" : "P" + n + unit;
  }

  /** What one charge covers: a pay-as-you-go period, or the whole of a free trial or pay-up-front offer [INFER]. */
  String chargeIso() {
    return mode.equals(PAY_AS_YOU_GO) ? unitIso : totalIso();
  }

  /** Charges after the first at the offer's price (pay-as-you-go periods 2..n). */
  int chargesLeftAfterFirst() {
    return mode.equals(PAY_AS_YOU_GO) ? periods - 1 : 0;
  }

  /** Charges at the offer's price when it starts at a renewal (an offer a subscriber redeems for a later period). */
  int charges() {
    return mode.equals(PAY_AS_YOU_GO) ? periods : 1;
  }

  /** The offer fields of every transaction charged under it (§3.3), in Apple's order. */
  ObjectNode fields(ObjectNode out) {
    out.put("offerType", offerType);
    if (identifier != null) {
      out.put("offerIdentifier", identifier);
    }
    out.put("offerDiscountType", mode);
    return unitIso == null ? out : out.put("offerPeriod", totalIso()); // [INFER] an in-app purchase code runs for no period
  }
}
