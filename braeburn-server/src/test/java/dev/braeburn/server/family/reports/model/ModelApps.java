package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Test apps without a store: a tuning and the two invented products. */
final class ModelApps {
  static final String APP_ID = "1600000002";

  private ModelApps() {}

  static ModelTuning tuning(long seed, LocalDate launch, int downloads, Map<String, Double> territories) {
    return new ModelTuning(seed, launch, downloads, territories, new BigDecimal("0.00"));
  }

  static ModelApp app(ModelTuning tuning) {
    return ModelAppJson.fingerprinted(new ModelApp(APP_ID, "Ledgerly", "LEDGERLY-1", "com.tidewaterlabs.ledgerly",
        tuning.priceUsd(), Catalog.invented(APP_ID, "com.tidewaterlabs.ledgerly", tuning), tuning, null));
  }

  static ModelApp established(int downloads) {
    return app(tuning(7, LocalDate.of(2023, 3, 1), downloads, Tunings.TERRITORIES));
  }

  static ModelTuning withPrice(ModelTuning t, String usd) {
    return new ModelTuning(t.seed(), t.launchDate(), t.dailyDownloads(), t.territories(), new BigDecimal(usd), t.devices(),
        t.weekendFactor(), t.trendPerYear(), t.launchSpike(), t.spikes(), t.noise(), t.redownloadRate(), t.deletionRate(),
        t.activeRate(), t.crashRate(), t.iapRate(), t.subscriptionRate(), t.trialShare(), t.inventProducts(), t.productPrices());
  }
}
