package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.Seeds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The value of a metric for an app version on a device class: a pure function of the app's seed,
 * the metric, the version and the device — no clock, no order of computation — except foreground
 * terminations, which are the model's crashes per active device-day of that version and device.
 *
 * <p>Each app gets a typical value within the metric's range; each version moves it by a few
 * percent, and about one version in five of each metric carries a regression (+25 %), so Apple's
 * regression and trend markers have something to find. Error margins shrink with the version's
 * sessions on that device (a 95 % interval of a spread of half the value).
 */
final class MetricValues {
  private static final long STREAM_BASE = 11;
  private static final long STREAM_VERSION = 12;
  private static final long STREAM_DEVICE = 13;

  private MetricValues() {}

  static double value(ModelApp app, MetricDefinition m, String version, DeviceClass device, Percentile p, VersionUsage.Counts counts) {
    if (m.category().equals("TERMINATION")) {
      return counts.activeDevices() == 0 ? 0 : round((double) counts.crashes() / counts.activeDevices(), m.decimals());
    }
    long seed = app.tuning().seed();
    long metric = Seeds.of(m.identifier());
    double base = m.low() + (m.high() - m.low()) * Seeds.random(seed, STREAM_BASE, metric).nextDouble();
    SplittableRandom v = Seeds.random(seed, STREAM_VERSION, metric, Seeds.of(version));
    double drift = Math.exp(0.06 * Seeds.gaussian(v)) * (v.nextDouble() < 0.2 ? 1.25 : 1);
    SplittableRandom d = Seeds.random(seed, STREAM_DEVICE, metric, Seeds.of(version), device.ordinal());
    double onDevice = (device == DeviceClass.IPAD ? m.ipadFactor() : 1) * (0.97 + 0.06 * d.nextDouble());
    double spread = p == Percentile.NINETY ? m.p90Factor() * (0.95 + 0.1 * d.nextDouble()) : 1;
    return round(base * drift * onDevice * spread, m.decimals());
  }

  static double errorMargin(MetricDefinition m, double value, VersionUsage.Counts counts) {
    if (m.category().equals("TERMINATION")) {
      return counts.activeDevices() == 0 ? 0 : round(1.96 * Math.sqrt(counts.crashes()) / counts.activeDevices(), m.decimals());
    }
    return round(value * 1.96 * 0.5 / Math.sqrt(Math.max(1, counts.sessions())), Math.max(2, m.decimals()));
  }

  /** The share (percent) of the metric the subsystem accounts for (battery: CPU), per version. */
  static double subSystemShare(ModelApp app, MetricDefinition m, String version) {
    SplittableRandom r = Seeds.random(app.tuning().seed(), STREAM_VERSION + 100, Seeds.of(m.identifier()), Seeds.of(version));
    return round(35 + 30 * r.nextDouble(), 1);
  }

  static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }
}
