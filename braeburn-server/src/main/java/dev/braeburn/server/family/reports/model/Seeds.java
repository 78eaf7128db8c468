package dev.braeburn.server.family.reports.model;

import java.util.SplittableRandom;

/**
 * Seeds for the model's random draws: every draw comes from a {@link SplittableRandom} seeded from
 * the tuning's seed, the app and what is being drawn (a date, a measure), so a day's numbers do not
 * depend on which other days were computed before it.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser over the parts: distinct inputs give unrelated seeds. */
  public static long of(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  public static long of(String text) {
    long h = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return mix(h);
  }

  public static SplittableRandom random(long... parts) {
    return new SplittableRandom(of(parts));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A standard normal draw (Box–Muller), two uniform draws from {@code r}. */
  public static double gaussian(SplittableRandom r) {
    double u = Math.max(r.nextDouble(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
