package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's {@code territories} object: per storefront the first-time downloads, sessions,
 * in-app units and proceeds (USD) of the period, so a tuning's territory weights can be checked at
 * a glance (and the console's dashboard draws its territory table from it).
 */
final class TerritoryBreakdown {
  private final Map<String, long[]> byTerritory = new TreeMap<>();
  private final Map<String, BigDecimal> proceeds = new TreeMap<>();

  void add(AppDay day) {
    for (UsageRow row : day.usage()) {
      long[] t = byTerritory.computeIfAbsent(row.audience().territory(), k -> new long[3]);
      t[0] += row.get(Measure.FIRST_TIME_DOWNLOADS);
      t[1] += row.get(Measure.SESSIONS);
    }
    for (PurchaseRow p : day.purchases()) {
      byTerritory.computeIfAbsent(p.audience().territory(), k -> new long[3])[2] += p.units();
    }
    DayTotals.proceedsUsdByTerritory(day).forEach((territory, usd) -> {
      byTerritory.computeIfAbsent(territory, k -> new long[3]);
      proceeds.merge(territory, usd, BigDecimal::add);
    });
  }

  void writeTo(ObjectNode out) {
    byTerritory.forEach((territory, t) -> out.putObject(territory)
        .put("firstTimeDownloads", t[0]).put("sessions", t[1]).put("purchases", t[2])
        .put("proceedsUsd", proceeds.getOrDefault(territory, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_EVEN)));
  }
}
