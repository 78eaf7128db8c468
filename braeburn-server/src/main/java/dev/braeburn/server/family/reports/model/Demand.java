package dev.braeburn.server.family.reports.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * How many people find and keep an app on a given day: the expected first-time downloads (weekly
 * rhythm, the first months' ramp-up, a yearly trend, the launch spike, tuned spikes, a holiday
 * bump) and the installed base those downloads leave behind. The installed base is a closed form
 * over geometric series, so the cost of a day does not grow with the app's age.
 */
final class Demand {
  /** Weekday factors Monday to Friday; weekends come from the tuning. */
  private static final double[] WEEKDAYS = {0.97, 0.98, 1.0, 1.01, 1.04};
  /** The first months reach {@code 1 - RAMP_DEPTH} of the mature level, approaching it with this time constant. */
  private static final double RAMP_DEPTH = 0.4;
  private static final double RAMP_DAYS = 120;
  private static final double LAUNCH_DAYS = 4;
  private static final int LAUNCH_WINDOW = 21;
  static final long STREAM_DOWNLOADS = 1;

  private final ModelTuning t;
  private final long appSeed;
  private final double growth;
  private final double weekAverage;
  private final DownloadHistory history;

  Demand(ModelApp app) {
    this.t = app.tuning();
    this.appSeed = Seeds.of(t.seed(), Seeds.of(app.appId()));
    this.growth = Math.pow(1 + t.trendPerYear(), 1 / 365.0);
    this.weekAverage = (WEEKDAYS[0] + WEEKDAYS[1] + WEEKDAYS[2] + WEEKDAYS[3] + WEEKDAYS[4] + weekend(DayOfWeek.SATURDAY)
        + weekend(DayOfWeek.SUNDAY)) / 7;
    this.history = new DownloadHistory(app.appId(), t, day -> computeDownloads(LocalDate.ofEpochDay(day)));
  }

  long appSeed() {
    return appSeed;
  }

  /** Days since launch: 0 on the launch date, negative before. */
  long age(LocalDate date) {
    return ChronoUnit.DAYS.between(t.launchDate(), date);
  }

  SplittableRandom random(LocalDate date, long stream) {
    return Seeds.random(appSeed, date.toEpochDay(), stream);
  }

  /** Expected first-time downloads on {@code date}, before noise. */
  double expected(LocalDate date) {
    long x = age(date);
    if (x < 0) {
      return 0;
    }
    return trendLevel(x) * (1 + launchExtra(x)) * weekly(date.getDayOfWeek()) * holiday(date) * spikes(date);
  }

  /** First-time downloads on {@code date}: the expectation with day-to-day noise, a whole number. */
  long firstTimeDownloads(LocalDate date) {
    return age(date) < 0 ? 0 : history.get(date.toEpochDay());
  }

  private long computeDownloads(LocalDate date) {
    double mean = expected(date);
    if (mean <= 0) {
      return 0;
    }
    SplittableRandom r = random(date, STREAM_DOWNLOADS);
    double noise = Math.exp(t.noise() * gaussian(r) - t.noise() * t.noise() / 2);
    return Allocation.round(mean * noise, r);
  }

  /**
   * Devices with the app installed at the start of {@code date}: every earlier day's expected
   * downloads, each surviving {@code deletionRate} per day since. Sums of the form
   * Σ r^x q^(n-1-x) are (q^n - r^n)/(q - r); the launch spike and tuned spikes are short windows
   * summed directly.
   */
  double installedBase(LocalDate date) {
    long n = age(date);
    if (n <= 0) {
      return 0;
    }
    double q = 1 - t.deletionRate();
    double base = t.dailyDownloads() * weekAverage;
    double fade = Math.exp(-1 / RAMP_DAYS);
    double sum = base * (geometric(growth, q, n) - RAMP_DEPTH * geometric(growth * fade, q, n));
    for (long x = 0; x < Math.min(n, LAUNCH_WINDOW); x++) {
      sum += base * rampAndTrend(x) * launchExtra(x) * Math.pow(q, n - 1 - x);
    }
    for (ModelTuning.Spike s : t.spikes()) {
      for (int i = 0; i < s.days(); i++) {
        long x = age(s.date()) + i;
        if (x >= 0 && x < n) {
          sum += base * rampAndTrend(x) * (spikeFactor(s, i) - 1) * Math.pow(q, n - 1 - x);
        }
      }
    }
    return sum;
  }

  double weekly(DayOfWeek day) {
    return day.getValue() <= 5 ? WEEKDAYS[day.getValue() - 1] : weekend(day);
  }

  private double weekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY ? t.weekendFactor() : t.weekendFactor() * 0.96;
  }

  private double trendLevel(long x) {
    return t.dailyDownloads() * rampAndTrend(x);
  }

  private double rampAndTrend(long x) {
    return (1 - RAMP_DEPTH * Math.exp(-x / RAMP_DAYS)) * Math.pow(growth, x);
  }

  private double launchExtra(long x) {
    return x < LAUNCH_WINDOW ? t.launchSpike() * Math.exp(-x / LAUNCH_DAYS) : 0;
  }

  private double spikes(LocalDate date) {
    double f = 1;
    for (ModelTuning.Spike s : t.spikes()) {
      long i = ChronoUnit.DAYS.between(s.date(), date);
      if (i >= 0 && i < s.days()) {
        f *= spikeFactor(s, (int) i);
      }
    }
    return f;
  }

  /** A spike fades from its factor towards 1 over its days. */
  private static double spikeFactor(ModelTuning.Spike s, int dayInSpike) {
    return 1 + (s.factor() - 1) * Math.exp(-3.0 * dayInSpike / s.days());
  }

  /** Gift season: downloads rise around Christmas (new devices). */
  private static double holiday(LocalDate date) {
    LocalDate christmas = LocalDate.of(date.getYear(), 12, 25);
    long d = ChronoUnit.DAYS.between(christmas, date);
    if (d < -180) {
      d += 365;
    }
    return 1 + 0.2 * Math.exp(-(d / 6.0) * (d / 6.0));
  }

  /** Σ_{x=0}^{n-1} r^x q^(n-1-x). */
  private static double geometric(double r, double q, long n) {
    if (Math.abs(q - r) < 1e-12) {
      return n * Math.pow(q, n - 1);
    }
    return (Math.pow(q, n) - Math.pow(r, n)) / (q - r);
  }

  static double gaussian(SplittableRandom r) {
    return Seeds.gaussian(r);
  }
}
