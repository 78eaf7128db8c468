package dev.braeburn.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and friends over millisecond samples. */
final class Stats {
  private Stats() {}

  static double median(List<Double> xs) {
    return percentile(xs, 50);
  }

  static double percentile(List<Double> xs, double p) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    if (p == 50 && s.size() % 2 == 0) {
      return (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
    int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, i)));
  }

  static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  static String f(double ms) {
    return String.format("%.1f", ms);
  }

  static String f2(double x) {
    return String.format("%.2f", x);
  }
}
