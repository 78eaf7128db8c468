package dev.braeburn.server.family.commerce.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {
  private static final BigDecimal TIER_1 = new BigDecimal("0.99");

  @Test
  void storefrontCurrencies() {
    assertThat(Pricing.currency("US")).isEqualTo("USD");
    assertThat(Pricing.currency("DE")).isEqualTo("EUR");
    assertThat(Pricing.currency("JP")).isEqualTo("JPY");
    assertThat(Pricing.currency("GB")).isEqualTo("GBP");
    assertThat(Pricing.currency("AR")).isEqualTo("USD");
    assertThat(Pricing.currency("ZZ")).isEqualTo("USD");
  }

  @Test
  void pricesFollowApplesPricePoints() {
    assertThat(Pricing.customerPrice(TIER_1, "US")).isEqualByComparingTo("0.99");
    assertThat(Pricing.customerPrice(TIER_1, "DE")).isEqualByComparingTo("0.99");
    assertThat(Pricing.customerPrice(TIER_1, "GB")).isEqualByComparingTo("0.99");
    assertThat(Pricing.customerPrice(TIER_1, "JP")).isEqualByComparingTo("160");
    assertThat(Pricing.customerPrice(TIER_1, "CA")).isEqualByComparingTo("1.39");
    assertThat(Pricing.customerPrice(new BigDecimal("9.99"), "FR")).isEqualByComparingTo("9.99");
    assertThat(Pricing.customerPrice(new BigDecimal("79.99"), "DE")).isEqualByComparingTo("79.99");
    assertThat(Pricing.customerPrice(new BigDecimal("4.99"), "JP")).isEqualByComparingTo("800");
    assertThat(Pricing.customerPrice(BigDecimal.ZERO, "JP")).isZero();
  }

  @Test
  void proceedsAreSeventyPercentOfThePriceNetOfVat() {
    assertThat(Pricing.proceedsPerUnit(TIER_1, "US")).isEqualByComparingTo("0.69");
    assertThat(Pricing.proceedsPerUnit(TIER_1, "DE")).isEqualByComparingTo("0.58"); // 0.99 / 1.19 × 0.7
    assertThat(Pricing.proceedsPerUnit(TIER_1, "JP")).isEqualByComparingTo("102"); // 160 / 1.10 × 0.7
  }

  @Test
  void fixedExchangeRates() {
    assertThat(Pricing.usd(new BigDecimal("150"), "JPY")).isEqualByComparingTo("1.00");
    assertThat(Pricing.usd(new BigDecimal("0.92"), "EUR")).isEqualByComparingTo("1.00");
    assertThat(Pricing.salesUsd(TIER_1, "US", 3)).isEqualByComparingTo("2.97");
  }

  @Test
  void everyStorefrontHasARegionAndARate() {
    for (String territory : Storefronts.codes()) {
      String region = Pricing.financeRegion(territory);
      assertThat(Pricing.financeRegions()).contains(region);
      assertThat(Pricing.regionCurrency(region)).hasSize(3);
      assertThat(Pricing.customerPrice(TIER_1, territory)).isPositive();
      assertThat(Pricing.usd(Pricing.customerPrice(TIER_1, territory), Pricing.currency(territory)).doubleValue()).isBetween(0.5, 2.0);
    }
    assertThat(Storefronts.codes()).hasSize(175);
    assertThat(Pricing.financeRegions()).hasSizeGreaterThanOrEqualTo(45);
  }

  @Test
  void financeRegions() {
    assertThat(Pricing.financeRegion("US")).isEqualTo("US");
    assertThat(Pricing.financeRegion("DE")).isEqualTo("EU");
    assertThat(Pricing.financeRegion("FR")).isEqualTo("EU");
    assertThat(Pricing.financeRegion("HR")).isEqualTo("HR");
    assertThat(Pricing.financeRegion("JP")).isEqualTo("JP");
    assertThat(Pricing.financeRegion("AR")).isEqualTo("LL");
    assertThat(Pricing.financeRegion("LK")).isEqualTo("AP");
    assertThat(Pricing.financeRegion("KE")).isEqualTo("WW");
    assertThat(Pricing.financeRegion("ZZ")).isEqualTo("WW");
    assertThat(Pricing.regionCurrency("EU")).isEqualTo("EUR");
    assertThat(Pricing.regionCurrency("JP")).isEqualTo("JPY");
    assertThat(Pricing.regionCurrency("WW")).isEqualTo("USD");
    assertThat(Pricing.regionCurrency("LL")).isEqualTo("USD");
  }
}
