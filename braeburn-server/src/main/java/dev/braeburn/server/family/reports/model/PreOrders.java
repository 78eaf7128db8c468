package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pre-orders in the days from the tuning's {@code preOrderStart} up to the day before launch.
 * Each day's orders are a share of the launch day's expected first-time downloads, growing from
 * {@value #FIRST_DAY_SHARE} on the first day to {@value #LAST_DAY_SHARE} on the last (interest
 * builds as the release nears), with the weekly rhythm and the tuning's noise; about
 * {@value #CANCEL_SHARE} of each day's orders are canceled. The day's orders are split exactly
 * over the same territory × device shares as sales ({@link Markets#shares}), and the running
 * totals replay the period from its first day, so a day's rows depend on nothing but app and date.
 */
final class PreOrders {
  private static final long STREAM_PRE_ORDERS = 6;
  private static final double FIRST_DAY_SHARE = 0.01;
  private static final double LAST_DAY_SHARE = 0.08;
  private static final double CANCEL_SHARE = 0.03;

  private PreOrders() {}

  static List<PreOrderRow> rows(ModelApp app, LocalDate date) {
    ModelTuning t = app.tuning();
    LocalDate start = t.preOrderStart();
    if (start == null || date.isBefore(start) || !date.isBefore(t.launchDate())) {
      return List.of();
    }
    Demand demand = new Demand(app);
    double launchLevel = demand.expected(t.launchDate());
    double periodDays = ChronoUnit.DAYS.between(start, t.launchDate());
    List<Markets.Share> shares = Markets.shares(app);
    double[] weights = shares.stream().mapToDouble(Markets.Share::weight).toArray();
    long[] ordered = new long[weights.length];
    long[] canceled = new long[weights.length];
    long[] cumulativeOrdered = new long[weights.length];
    long[] cumulativeCanceled = new long[weights.length];
    for (LocalDate d = start; !d.isAfter(date); d = d.plusDays(1)) {
      SplittableRandom r = demand.random(d, STREAM_PRE_ORDERS);
      double progress = (ChronoUnit.DAYS.between(start, d) + 1) / periodDays;
      double share = FIRST_DAY_SHARE + (LAST_DAY_SHARE - FIRST_DAY_SHARE) * progress * progress;
      double noise = Math.exp(t.noise() * Demand.gaussian(r) - t.noise() * t.noise() / 2);
      ordered = Allocation.split(Allocation.round(launchLevel * share * demand.weekly(d.getDayOfWeek()) * noise, r), weights);
      for (int i = 0; i < weights.length; i++) {
        canceled[i] = Allocation.round(ordered[i] * CANCEL_SHARE, r);
        cumulativeOrdered[i] += ordered[i];
        cumulativeCanceled[i] += canceled[i];
      }
    }
    List<PreOrderRow> rows = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      if (cumulativeOrdered[i] > 0) {
        rows.add(new PreOrderRow(shares.get(i).territory(), shares.get(i).device(), ordered[i], canceled[i],
            cumulativeOrdered[i], cumulativeCanceled[i]));
      }
    }
    return List.copyOf(rows);
  }
}
