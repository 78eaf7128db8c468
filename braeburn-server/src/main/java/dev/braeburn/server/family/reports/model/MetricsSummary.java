package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of one day or period in the metrics summary ("the dashboard"): every usage measure
 * under its camelCase name, then the {@link DayTotals}. Reports are tested against these keys.
 */
final class MetricsSummary {
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private BigDecimal salesUsd = BigDecimal.ZERO;
  private BigDecimal proceedsUsd = BigDecimal.ZERO;

  MetricsSummary() {
    for (Measure m : Measure.values()) {
      counts.put(key(m), 0L);
    }
    for (String derived : new String[] {"installations", "salesUnits", "purchases", "refunds"}) {
      counts.put(derived, 0L);
    }
  }

  static MetricsSummary of(AppDay day) {
    MetricsSummary s = new MetricsSummary();
    for (Measure m : Measure.values()) {
      s.counts.put(key(m), day.total(m));
    }
    s.counts.put("installations", DayTotals.installations(day));
    s.counts.put("salesUnits", DayTotals.salesUnits(day));
    s.counts.put("purchases", DayTotals.purchases(day));
    s.counts.put("refunds", DayTotals.refunds(day));
    s.salesUsd = DayTotals.salesUsd(day);
    s.proceedsUsd = DayTotals.proceedsUsd(day);
    return s;
  }

  void add(MetricsSummary other) {
    other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    salesUsd = salesUsd.add(other.salesUsd);
    proceedsUsd = proceedsUsd.add(other.proceedsUsd);
  }

  void writeTo(ObjectNode out) {
    counts.forEach(out::put);
    out.put("salesUsd", salesUsd.setScale(2, RoundingMode.HALF_EVEN));
    out.put("proceedsUsd", proceedsUsd.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** FIRST_TIME_DOWNLOADS → firstTimeDownloads. */
  static String key(Measure m) {
    StringBuilder out = new StringBuilder();
    for (String word : m.name().toLowerCase(Locale.ROOT).split("_")) {
      out.append(out.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return out.toString();
  }
}
