package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Partner share in the currency of the finance region that pays it (reports-webhooks.md §3). A
 * storefront's proceeds are in its own currency, which is its region's (every non-dollar, non-euro
 * storefront is a region of its own), so this converts only what the model sells in another
 * currency, through the model's fixed dollar rates.
 */
final class RegionMoney {
  /** Converting through dollars a billion units at a time keeps the rate exact to nine digits. */
  private static final BigDecimal SCALE = BigDecimal.TEN.pow(9);

  private RegionMoney() {}

  static BigDecimal convert(BigDecimal amount, String from, String to) {
    if (from.equals(to)) {
      return amount;
    }
    BigDecimal usd = Pricing.usd(amount.multiply(SCALE), from).divide(SCALE, 10, RoundingMode.HALF_EVEN);
    if (to.equals("USD")) {
      return usd.setScale(2, RoundingMode.HALF_EVEN);
    }
    BigDecimal usdPerUnit = Pricing.usd(SCALE, to).divide(SCALE, 12, RoundingMode.HALF_EVEN);
    return usd.divide(usdPerUnit, 2, RoundingMode.HALF_EVEN);
  }
}
