package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How one app behaves: set through {@code PATCH /_braeburn/metrics/apps/{id}/model}, defaults
 * derived from the app id ({@link Tunings#defaults}). {@code dailyDownloads} are first-time
 * downloads per day on an average weekday once the app is established, shared among
 * {@code territories} by weight. Rates are per day unless their name says otherwise; the full
 * list with defaults is in docs/usage-model.md.
 *
 * @param devices device name ("iPhone", "iPad", "Desktop") → weight
 * @param weekendFactor Saturday and Sunday downloads relative to a weekday
 * @param trendPerYear yearly growth (0.2) or decay (-0.1) of downloads from the launch date on
 * @param launchSpike extra downloads on launch day as a multiple of the daily level; fades within about two weeks
 * @param spikes extra, temporary surges (a feature, a campaign)
 * @param noise standard deviation of the day-to-day multiplicative noise
 * @param redownloadRate redownloads per first-time download
 * @param deletionRate share of the installed base deleting the app per day
 * @param activeRate share of the installed base opening the app on a day
 * @param crashRate crashes per session
 * @param iapRate in-app purchases (consumable and non-consumable) per active device per day
 * @param subscriptionRate subscription starts (paid or trial) per first-time download
 * @param trialShare share of subscription starts that begin with a free trial
 * @param inventProducts when the app has no in-app products in the store, sell two made-up ones
 * @param productPrices dollar price per product id, overriding the default price of its kind
 * @param preOrderStart first day the app can be pre-ordered, before {@code launchDate}; null (the
 *     default) when it had no pre-order period
 */
public record ModelTuning(
    long seed, LocalDate launchDate, int dailyDownloads, Map<String, Double> territories, BigDecimal priceUsd,
    Map<String, Double> devices, double weekendFactor, double trendPerYear, double launchSpike, List<Spike> spikes,
    double noise, double redownloadRate, double deletionRate, double activeRate, double crashRate,
    double iapRate, double subscriptionRate, double trialShare, boolean inventProducts,
    Map<String, BigDecimal> productPrices, LocalDate preOrderStart) {

  /** A temporary surge: downloads times {@code factor} on {@code date}, fading back to normal over {@code days}. */
  public record Spike(LocalDate date, double factor, int days) {}

  /** Every field but the later {@code preOrderStart}: no pre-order period. */
  public ModelTuning(
      long seed, LocalDate launchDate, int dailyDownloads, Map<String, Double> territories, BigDecimal priceUsd,
      Map<String, Double> devices, double weekendFactor, double trendPerYear, double launchSpike, List<Spike> spikes,
      double noise, double redownloadRate, double deletionRate, double activeRate, double crashRate,
      double iapRate, double subscriptionRate, double trialShare, boolean inventProducts,
      Map<String, BigDecimal> productPrices) {
    this(seed, launchDate, dailyDownloads, territories, priceUsd, devices, weekendFactor, trendPerYear, launchSpike,
        spikes, noise, redownloadRate, deletionRate, activeRate, crashRate, iapRate, subscriptionRate, trialShare,
        inventProducts, productPrices, null);
  }

  /** The shared contract's original fields; everything else at its default. */
  public ModelTuning(long seed, LocalDate launchDate, int dailyDownloads, Map<String, Double> territories, BigDecimal priceUsd) {
    this(seed, launchDate, dailyDownloads, territories, priceUsd, Tunings.DEVICES, Tunings.WEEKEND_FACTOR, 0.0,
        Tunings.LAUNCH_SPIKE, List.of(), Tunings.NOISE, Tunings.REDOWNLOAD_RATE, Tunings.DELETION_RATE,
        Tunings.ACTIVE_RATE, Tunings.CRASH_RATE, Tunings.IAP_RATE, Tunings.SUBSCRIPTION_RATE, Tunings.TRIAL_SHARE,
        true, Map.of());
  }

  /** This tuning with a pre-order period from {@code start} (null: none). */
  public ModelTuning withPreOrderStart(LocalDate start) {
    return new ModelTuning(seed, launchDate, dailyDownloads, territories, priceUsd, devices, weekendFactor, trendPerYear,
        launchSpike, spikes, noise, redownloadRate, deletionRate, activeRate, crashRate, iapRate, subscriptionRate,
        trialShare, inventProducts, productPrices, start);
  }
}
