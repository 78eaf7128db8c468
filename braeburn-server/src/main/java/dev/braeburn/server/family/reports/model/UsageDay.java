package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A day's usage rows. Day totals come first — downloads from {@link Demand}, the store funnel
 * above them, updates, deletions and sessions from the installed base — and each total is then
 * split over the day's audiences ({@link AudienceSpace}) by largest remainder, so rows sum to the
 * totals exactly. Store measures go to audiences on the newest app version (the only one the store
 * sells); usage measures to all.
 */
final class UsageDay {
  private static final long STREAM_TOTALS = 3;
  private static final Measure[] STORE = {
      Measure.IMPRESSIONS, Measure.PAGE_VIEWS, Measure.TAPS_GET, Measure.TAPS_REDOWNLOAD, Measure.TAPS_UPDATE,
      Measure.TAPS_OPEN, Measure.FIRST_TIME_DOWNLOADS, Measure.REDOWNLOADS, Measure.MANUAL_UPDATES,
      Measure.AUTO_UPDATES, Measure.RESTORES};
  private static final Measure[] IN_USE = {Measure.DELETIONS, Measure.SESSIONS, Measure.ACTIVE_DEVICES, Measure.CRASHES};

  private UsageDay() {}

  /** Totals of the measures that are split over audiences (derived ones are computed per row). */
  static Map<Measure, Long> totals(ModelApp app, Demand demand, LocalDate date) {
    ModelTuning t = app.tuning();
    SplittableRandom r = demand.random(date, STREAM_TOTALS);
    long downloads = demand.firstTimeDownloads(date);
    double installed = demand.installedBase(date);
    Releases releases = new Releases(demand, date);
    double usageWeek = date.getDayOfWeek().getValue() >= 6 ? 1.08 : 0.97;
    Map<Measure, Long> out = new EnumMap<>(Measure.class);
    long redownloads = Allocation.round(downloads * t.redownloadRate() * wobble(r, t), r);
    long updates = Allocation.round(installed * releases.updateRate() * wobble(r, t), r);
    long manual = Allocation.round(updates * 0.15, r);
    long active = Allocation.round(installed * t.activeRate() * usageWeek * wobble(r, t), r);
    long sessions = Allocation.round(active * sessionsPerDevice(t), r);
    long getTaps = Allocation.round(downloads * 1.08, r);
    long pageViews = Allocation.round((getTaps + redownloads) * (2.6 + 1.4 * r.nextDouble()), r);
    out.put(Measure.FIRST_TIME_DOWNLOADS, downloads);
    out.put(Measure.REDOWNLOADS, redownloads);
    out.put(Measure.MANUAL_UPDATES, manual);
    out.put(Measure.AUTO_UPDATES, updates - manual);
    out.put(Measure.RESTORES, Allocation.round(downloads * 0.03, r));
    out.put(Measure.TAPS_GET, getTaps);
    out.put(Measure.TAPS_REDOWNLOAD, Allocation.round(redownloads * 1.05, r));
    out.put(Measure.TAPS_UPDATE, Allocation.round(manual * 1.1, r));
    out.put(Measure.PAGE_VIEWS, pageViews);
    out.put(Measure.TAPS_OPEN, Allocation.round(pageViews * 0.05, r));
    out.put(Measure.IMPRESSIONS, Allocation.round(pageViews * (5 + 3 * r.nextDouble()), r));
    out.put(Measure.DELETIONS, Allocation.round(installed * t.deletionRate() * wobble(r, t), r));
    out.put(Measure.ACTIVE_DEVICES, active);
    out.put(Measure.SESSIONS, sessions);
    out.put(Measure.CRASHES, Allocation.round(sessions * t.crashRate() * wobble(r, t), r));
    out.put(Measure.OPT_INS, Allocation.round(downloads * 0.25, r));
    return out;
  }

  static List<UsageRow> rows(ModelApp app, Map<Measure, Long> totals, AudienceSpace space) {
    if (totals.values().stream().allMatch(v -> v == 0)) {
      return List.of();
    }
    List<AudienceSpace.Slot> slots = space.slots();
    int n = slots.size();
    long[][] counts = new long[n][Measure.values().length];
    for (Measure m : STORE) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        AudienceSpace.Slot s = slots.get(i);
        boolean noPage = s.audience().pageType().equals("No page");
        w[i] = s.newest() && !(noPage && (m == Measure.PAGE_VIEWS)) ? s.weight() : 0;
      }
      put(counts, m, Allocation.split(totals.get(m), w));
    }
    double[] all = slots.stream().mapToDouble(AudienceSpace.Slot::weight).toArray();
    for (Measure m : IN_USE) {
      put(counts, m, Allocation.split(totals.get(m), all));
    }
    double[] downloads = new double[n];
    for (int i = 0; i < n; i++) {
      downloads[i] = counts[i][Measure.FIRST_TIME_DOWNLOADS.ordinal()];
    }
    put(counts, Measure.OPT_INS, Allocation.split(totals.get(Measure.OPT_INS), downloads));
    double seconds = 120 + Math.floorMod(app.tuning().seed(), 150L);
    List<UsageRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] c = counts[i];
      c[Measure.IMPRESSIONS_UNIQUE.ordinal()] = Math.round(c[Measure.IMPRESSIONS.ordinal()] * 0.72);
      c[Measure.PAGE_VIEWS_UNIQUE.ordinal()] = Math.round(c[Measure.PAGE_VIEWS.ordinal()] * 0.85);
      c[Measure.SESSION_SECONDS.ordinal()] = Math.round(c[Measure.SESSIONS.ordinal()] * seconds * (0.9 + 0.2 * ((i * 37) % 11) / 10.0));
      c[Measure.CRASH_DEVICES.ordinal()] = (long) Math.ceil(c[Measure.CRASHES.ordinal()] * 0.8);
      if (java.util.Arrays.stream(c).anyMatch(v -> v != 0)) {
        rows.add(new UsageRow(slots.get(i).audience(), c));
      }
    }
    return rows;
  }

  private static void put(long[][] counts, Measure m, long[] parts) {
    for (int i = 0; i < parts.length; i++) {
      counts[i][m.ordinal()] = parts[i];
    }
  }

  /** Day-to-day variation of a rate, from the tuning's noise. */
  private static double wobble(SplittableRandom r, ModelTuning t) {
    return Math.exp(t.noise() * Demand.gaussian(r) - t.noise() * t.noise() / 2);
  }

  private static double sessionsPerDevice(ModelTuning t) {
    return 1.8 + Math.floorMod(t.seed(), 15L) / 10.0;
  }
}
