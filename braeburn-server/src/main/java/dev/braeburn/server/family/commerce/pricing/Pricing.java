package dev.braeburn.server.family.commerce.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Money of the App Store, the one source for the store's price points and the reports: what a
 * price set in US dollars costs in each storefront (Apple's equalization), what the developer earns
 * from it, and Apple's finance regions (reports-webhooks.md §3). Every table is fixed, so a report
 * made today and one made next year from the same data agree to the cent, and a price point read
 * through the API shows the very customer price and proceeds the sales report will.
 * [INFER] exchange rates and price-point ratios are fixed approximations, not Apple's tables.
 */
public final class Pricing {
  private static final BigDecimal COMMISSION_SHARE = new BigDecimal("0.70");
  /** A subscriber's second year onwards: Apple's commission falls to 15% (reports: "Rate After One Year"). */
  private static final BigDecimal YEAR2_SHARE = new BigDecimal("0.85");

  /**
   * Per currency: units per US dollar (the fixed exchange rate), the multiplier Apple's price
   * points apply to a dollar price (they include VAT, so 0.99 USD is 0.99 EUR, not 0.91), and
   * whether prices have cents.
   */
  private record Currency(BigDecimal perUsd, BigDecimal tierRatio, boolean cents) {
    static Currency of(String perUsd, String tierRatio, boolean cents) {
      return new Currency(new BigDecimal(perUsd), new BigDecimal(tierRatio), cents);
    }
  }

  private static final Map<String, Currency> CURRENCIES = Map.ofEntries(
      Map.entry("USD", Currency.of("1", "1", true)),
      Map.entry("EUR", Currency.of("0.92", "1", true)),
      Map.entry("GBP", Currency.of("0.79", "1", true)),
      Map.entry("CHF", Currency.of("0.88", "1", true)),
      Map.entry("CAD", Currency.of("1.38", "1.4", true)),
      Map.entry("AUD", Currency.of("1.55", "1.5", true)),
      Map.entry("NZD", Currency.of("1.70", "1.7", true)),
      Map.entry("SGD", Currency.of("1.35", "1.4", true)),
      Map.entry("HKD", Currency.of("7.80", "8", true)),
      Map.entry("MXN", Currency.of("18.50", "19", true)),
      Map.entry("BRL", Currency.of("5.50", "6", true)),
      Map.entry("PEN", Currency.of("3.70", "4", true)),
      Map.entry("CNY", Currency.of("7.20", "6.1", true)),
      Map.entry("MYR", Currency.of("4.50", "4.5", true)),
      Map.entry("THB", Currency.of("35", "35", true)),
      Map.entry("PHP", Currency.of("57", "50", true)),
      Map.entry("ILS", Currency.of("3.70", "4", true)),
      Map.entry("AED", Currency.of("3.6725", "4", true)),
      Map.entry("SAR", Currency.of("3.75", "4", true)),
      Map.entry("QAR", Currency.of("3.64", "4", true)),
      Map.entry("EGP", Currency.of("49", "50", true)),
      Map.entry("ZAR", Currency.of("18.50", "19", true)),
      Map.entry("TRY", Currency.of("34", "40", true)),
      Map.entry("PLN", Currency.of("4.00", "4.5", true)),
      Map.entry("CZK", Currency.of("23", "25", true)),
      Map.entry("RON", Currency.of("4.60", "5", true)),
      Map.entry("DKK", Currency.of("6.90", "7.5", true)),
      Map.entry("NOK", Currency.of("10.80", "12", true)),
      Map.entry("SEK", Currency.of("10.50", "12", true)),
      Map.entry("JPY", Currency.of("150", "160", false)),
      Map.entry("KRW", Currency.of("1400", "1500", false)),
      Map.entry("TWD", Currency.of("32", "32", false)),
      Map.entry("INR", Currency.of("85", "90", false)),
      Map.entry("IDR", Currency.of("16000", "16000", false)),
      Map.entry("VND", Currency.of("25000", "25000", false)),
      Map.entry("CLP", Currency.of("950", "1000", false)),
      Map.entry("COP", Currency.of("4100", "4000", false)),
      Map.entry("HUF", Currency.of("360", "400", false)),
      Map.entry("KZT", Currency.of("500", "500", false)),
      Map.entry("NGN", Currency.of("1550", "1500", false)),
      Map.entry("PKR", Currency.of("280", "300", false)),
      Map.entry("TZS", Currency.of("2600", "2500", false)),
      Map.entry("RUB", Currency.of("90", "100", false)));

  /** VAT or GST included in customer prices; prices in the US and Canada exclude sales tax. */
  private static final Map<String, BigDecimal> VAT = rates(Map.ofEntries(
      Map.entry("AT", "0.20"), Map.entry("BE", "0.21"), Map.entry("BG", "0.20"), Map.entry("HR", "0.25"),
      Map.entry("CY", "0.19"), Map.entry("CZ", "0.21"), Map.entry("DK", "0.25"), Map.entry("EE", "0.24"),
      Map.entry("FI", "0.255"), Map.entry("FR", "0.20"), Map.entry("DE", "0.19"), Map.entry("GR", "0.24"),
      Map.entry("HU", "0.27"), Map.entry("IE", "0.23"), Map.entry("IT", "0.22"), Map.entry("LV", "0.21"),
      Map.entry("LT", "0.21"), Map.entry("LU", "0.17"), Map.entry("MT", "0.18"), Map.entry("NL", "0.21"),
      Map.entry("PL", "0.23"), Map.entry("PT", "0.23"), Map.entry("RO", "0.19"), Map.entry("SK", "0.20"),
      Map.entry("SI", "0.22"), Map.entry("ES", "0.21"), Map.entry("SE", "0.25"), Map.entry("GB", "0.20"),
      Map.entry("NO", "0.25"), Map.entry("CH", "0.081"), Map.entry("IS", "0.24"), Map.entry("JP", "0.10"),
      Map.entry("AU", "0.10"), Map.entry("NZ", "0.15"), Map.entry("KR", "0.10"), Map.entry("IN", "0.18"),
      Map.entry("ZA", "0.15"), Map.entry("TR", "0.20"), Map.entry("SA", "0.15"), Map.entry("AE", "0.05"),
      Map.entry("SG", "0.09"), Map.entry("MX", "0.16"), Map.entry("TW", "0.05"), Map.entry("TH", "0.07"),
      Map.entry("ID", "0.11"), Map.entry("RU", "0.20"), Map.entry("CN", "0.06"), Map.entry("EG", "0.14"),
      Map.entry("CL", "0.19"), Map.entry("CO", "0.19"), Map.entry("MY", "0.08"), Map.entry("PH", "0.12"),
      Map.entry("KZ", "0.12"), Map.entry("NG", "0.075"), Map.entry("IL", "0.17"), Map.entry("VN", "0.10")));

  /** Finance regions that are one country each (reports-webhooks.md §3, "regions and currencies"). */
  private static final Set<String> COUNTRY_REGIONS = Set.of(
      "US", "AU", "BR", "BG", "CA", "CL", "CN", "CO", "CZ", "HR", "DK", "EG", "HK", "HU", "IN", "ID", "IL", "JP",
      "KZ", "KR", "MY", "MX", "NZ", "NG", "NO", "PK", "PE", "PH", "PL", "QA", "RO", "RU", "SA", "SG", "ZA", "SE",
      "CH", "TW", "TH", "TR", "AE", "GB", "TZ", "VN");

  /** Region LL, "Latin America and the Caribbean" (storefronts selling in dollars). */
  private static final Set<String> LATIN_AMERICA = Set.of(
      "AR", "AG", "AI", "BB", "BS", "BZ", "BM", "BO", "CR", "DM", "DO", "EC", "GD", "GT", "GY", "HN", "JM", "KN",
      "KY", "LC", "MS", "NI", "PA", "PY", "SR", "SV", "TC", "TT", "UY", "VC", "VE", "VG");

  /** Region AP, "South Asia and Pacific" (storefronts selling in dollars). */
  private static final Set<String> ASIA_PACIFIC = Set.of(
      "BD", "BN", "BT", "FJ", "FM", "KH", "LA", "LK", "MN", "MM", "MO", "MV", "NP", "NR", "PG", "PW", "SB", "TO", "VU");

  private Pricing() {}

  /** ISO 4217 code of the territory's storefront; dollars for a territory Apple does not list. */
  public static String currency(String territory) {
    return Storefronts.CURRENCY.getOrDefault(territory, "USD");
  }

  /**
   * Local price per unit of a product priced {@code usd} in the US: the dollar price times the
   * currency's price-point ratio, rounded like Apple's price points — ".x9" endings for small
   * amounts in currencies with cents, two significant digits otherwise (0.99 → 160 JPY).
   */
  public static BigDecimal customerPrice(BigDecimal usd, String territory) {
    Currency c = currencyOf(currency(territory));
    if (c.tierRatio().compareTo(BigDecimal.ONE) == 0 && c.perUsd().compareTo(BigDecimal.ONE) == 0) {
      return usd.setScale(2, RoundingMode.HALF_UP); // dollar storefronts charge the price as set
    }
    BigDecimal raw = usd.multiply(c.tierRatio());
    if (usd.signum() <= 0) {
      return BigDecimal.ZERO.setScale(c.cents() ? 2 : 0);
    }
    if (!c.cents()) {
      return raw.round(new MathContext(2, RoundingMode.HALF_UP)).setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
    }
    BigDecimal step = raw.compareTo(BigDecimal.TEN) < 0 ? new BigDecimal("0.1")
        : raw.compareTo(BigDecimal.valueOf(100)) < 0 ? BigDecimal.ONE : BigDecimal.TEN;
    BigDecimal rounded = raw.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
    BigDecimal price = rounded.subtract(new BigDecimal("0.01")).setScale(2, RoundingMode.HALF_UP);
    return price.signum() > 0 ? price : new BigDecimal("0.09");
  }

  /** Developer proceeds per unit: 70% of the local price net of the VAT it includes, in the same currency. */
  public static BigDecimal proceedsPerUnit(BigDecimal usd, String territory) {
    return proceeds(usd, territory, COMMISSION_SHARE);
  }

  /** Proceeds per unit of a subscription in its subscriber's second paid year (85% of the net price). */
  public static BigDecimal proceedsYear2PerUnit(BigDecimal usd, String territory) {
    return proceeds(usd, territory, YEAR2_SHARE);
  }

  private static BigDecimal proceeds(BigDecimal usd, String territory, BigDecimal share) {
    return proceeds(customerPrice(usd, territory), share, territory);
  }

  /** Developer proceeds per unit of a sale at local {@code price} (a purchase's own price): 70% of it net of VAT. */
  public static BigDecimal proceedsOfPrice(BigDecimal price, String territory) {
    return proceeds(price, COMMISSION_SHARE, territory);
  }

  private static BigDecimal proceeds(BigDecimal price, BigDecimal share, String territory) {
    BigDecimal net = price.divide(BigDecimal.ONE.add(vat(territory)), 10, RoundingMode.HALF_EVEN);
    return net.multiply(share).setScale(price.scale() == 0 ? 0 : 2, RoundingMode.HALF_EVEN);
  }

  /** An amount of {@code currency} in US dollars at the fixed rate, to the cent. */
  public static BigDecimal usd(BigDecimal amount, String currency) {
    return amount.divide(currencyOf(currency).perUsd(), 2, RoundingMode.HALF_EVEN);
  }

  /** What {@code units} sold in {@code territory} at dollar price {@code usd} come to in dollars. */
  public static BigDecimal salesUsd(BigDecimal usd, String territory, long units) {
    return usd(customerPrice(usd, territory).multiply(BigDecimal.valueOf(units)), currency(territory));
  }

  /** The developer's proceeds of those units in dollars. */
  public static BigDecimal proceedsUsd(BigDecimal usd, String territory, long units) {
    return usd(proceedsPerUnit(usd, territory).multiply(BigDecimal.valueOf(units)), currency(territory));
  }

  /**
   * Apple's finance region of a storefront (reports-webhooks.md §3): its own code where the
   * region is one country, EU for the other euro storefronts, LL and AP for the dollar
   * storefronts of Latin America and of South Asia and the Pacific, WW for the rest.
   */
  public static String financeRegion(String territory) {
    if (COUNTRY_REGIONS.contains(territory)) {
      return territory;
    }
    if (currency(territory).equals("EUR")) {
      return "EU";
    }
    if (LATIN_AMERICA.contains(territory)) {
      return "LL";
    }
    return ASIA_PACIFIC.contains(territory) ? "AP" : "WW";
  }

  /** The currency a region's financial report is paid in. */
  public static String regionCurrency(String region) {
    if (region.equals("EU")) {
      return "EUR";
    }
    return COUNTRY_REGIONS.contains(region) ? currency(region) : "USD";
  }

  /** Every finance region code, sorted. */
  public static Set<String> financeRegions() {
    TreeSet<String> all = new TreeSet<>(COUNTRY_REGIONS);
    all.addAll(Set.of("EU", "LL", "AP", "WW"));
    return Collections.unmodifiableSet(all);
  }

  static BigDecimal vat(String territory) {
    return VAT.getOrDefault(territory, BigDecimal.ZERO);
  }

  private static Currency currencyOf(String code) {
    Currency c = CURRENCIES.get(code);
    if (c == null) {
      throw new IllegalArgumentException("no exchange rate for currency '" + code + "'");
    }
    return c;
  }

  private static Map<String, BigDecimal> rates(Map<String, String> text) {
    Map<String, BigDecimal> out = new HashMap<>();
    text.forEach((k, v) -> out.put(k, new BigDecimal(v)));
    return Map.copyOf(out);
  }
}
