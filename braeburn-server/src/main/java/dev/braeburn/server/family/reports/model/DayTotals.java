package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The day's headline numbers, defined once: the metrics summary shows them and every report that
 * carries them must sum to exactly these (sales helpers test their files against them).
 */
public final class DayTotals {
  private DayTotals() {}

  /** Installations as App Store Connect counts them: first-time downloads, redownloads, manual updates, restores. */
  public static long installations(AppDay d) {
    return d.total(Measure.FIRST_TIME_DOWNLOADS) + d.total(Measure.REDOWNLOADS)
        + d.total(Measure.MANUAL_UPDATES) + d.total(Measure.RESTORES);
  }

  /**
   * The Units column of the day's SALES/SUMMARY/DAILY rows of this app: downloads, redownloads and
   * updates (auto-updates too: sales reports count them as product type 7) plus in-app units net of refunds.
   */
  public static long salesUnits(AppDay d) {
    long units = d.total(Measure.FIRST_TIME_DOWNLOADS) + d.total(Measure.REDOWNLOADS)
        + d.total(Measure.MANUAL_UPDATES) + d.total(Measure.AUTO_UPDATES);
    for (PurchaseRow p : d.purchases()) {
      units += p.units() - p.refunds();
    }
    return units;
  }

  /** In-app units sold (before refunds). */
  public static long purchases(AppDay d) {
    long units = 0;
    for (PurchaseRow p : d.purchases()) {
      units += p.units();
    }
    return units;
  }

  public static long refunds(AppDay d) {
    long units = 0;
    for (PurchaseRow p : d.purchases()) {
      units += p.refunds();
    }
    return units;
  }

  /** Customer spending in dollars: a paid app's first-time downloads at its local price, plus in-app sales net of refunds. */
  public static BigDecimal salesUsd(AppDay d) {
    return money(d, Pricing::salesUsd, PurchaseRow::salesUsd);
  }

  /** The developer's proceeds of the same sales, in dollars. */
  public static BigDecimal proceedsUsd(AppDay d) {
    return money(d, Pricing::proceedsUsd, PurchaseRow::proceedsUsd);
  }

  /**
   * The developer's proceeds per storefront, the same additions as {@link #proceedsUsd} grouped by
   * territory (so the dashboard's territory table and the total come from one definition).
   */
  public static Map<String, BigDecimal> proceedsUsdByTerritory(AppDay d) {
    return moneyByTerritory(d, Pricing::proceedsUsd, PurchaseRow::proceedsUsd);
  }

  /** Dollars of one kind: per usage row the paid app's first-time downloads, then every purchase row. */
  private static BigDecimal money(AppDay d, AppDownloads downloads, Function<PurchaseRow, BigDecimal> purchase) {
    BigDecimal sum = BigDecimal.ZERO.setScale(2);
    for (BigDecimal part : moneyByTerritory(d, downloads, purchase).values()) {
      sum = sum.add(part); // exact decimal sums: the grouping does not change the total
    }
    return sum;
  }

  private static Map<String, BigDecimal> moneyByTerritory(AppDay d, AppDownloads downloads, Function<PurchaseRow, BigDecimal> purchase) {
    Map<String, BigDecimal> out = new TreeMap<>();
    if (d.app().paid()) {
      for (UsageRow row : d.usage()) {
        long units = row.get(Measure.FIRST_TIME_DOWNLOADS);
        String territory = row.audience().territory();
        BigDecimal usd = units > 0 ? d.app().priceUsd(territory) : BigDecimal.ZERO;
        if (usd.signum() > 0) {
          out.merge(territory, downloads.usd(usd, territory, units), BigDecimal::add);
        }
      }
    }
    for (PurchaseRow p : d.purchases()) {
      out.merge(p.audience().territory(), purchase.apply(p), BigDecimal::add);
    }
    return out;
  }

  @FunctionalInterface
  private interface AppDownloads {
    BigDecimal usd(BigDecimal priceUsd, String territory, long units);
  }
}
