package dev.braeburn.server.family.reports.model;

import java.util.SplittableRandom;

/**
 * Whole numbers from shares: {@link #split} cuts an integer total into parts proportional to
 * weights with the largest-remainder method, so the parts always add up to the total exactly
 * (ties go to the lower index, so the split is deterministic); {@link #round} turns an expected
 * value into a whole count whose average is that value.
 */
public final class Allocation {
  private Allocation() {}

  public static long[] split(long total, double[] weights) {
    int n = weights.length;
    long[] parts = new long[n];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (total <= 0 || n == 0) {
      return parts;
    }
    if (!(sum > 0)) {
      parts[0] = total;
      return parts;
    }
    double[] remainders = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double quota = total * (weights[i] / sum);
      parts[i] = (long) Math.floor(quota);
      remainders[i] = quota - parts[i];
      given += parts[i];
    }
    long left = total - given;
    if (left > 0) {
      giveToLargest(parts, remainders, (int) left);
    }
    return parts;
  }

  /**
   * One more to each of the {@code count} largest remainders, ties to the lower index: everything
   * above the count-th largest value gets one, then equal values in index order.
   */
  private static void giveToLargest(long[] parts, double[] remainders, int count) {
    double[] sorted = remainders.clone();
    java.util.Arrays.sort(sorted);
    double threshold = sorted[sorted.length - count];
    int left = count;
    for (int i = 0; i < parts.length; i++) {
      if (remainders[i] > threshold) {
        parts[i]++;
        left--;
      }
    }
    for (int i = 0; i < parts.length && left > 0; i++) {
      if (remainders[i] == threshold) {
        parts[i]++;
        left--;
      }
    }
  }

  /** {@code expected} rounded down or up at random, in proportion to its fraction. */
  static long round(double expected, SplittableRandom random) {
    if (!(expected > 0)) {
      return 0;
    }
    double floor = Math.floor(expected);
    return (long) floor + (random.nextDouble() < expected - floor ? 1 : 0);
  }
}
