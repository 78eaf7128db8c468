package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's {@code territories} object: per storefront the first-time downloads, sessions and
 * in-app units of the period, so a tuning's territory weights can be checked at a glance.
 */
final class TerritoryBreakdown {
  private final Map<String, long[]> byTerritory = new TreeMap<>();

  void add(AppDay day) {
    for (UsageRow row : day.usage()) {
      long[] t = byTerritory.computeIfAbsent(row.audience().territory(), k -> new long[3]);
      t[0] += row.get(Measure.FIRST_TIME_DOWNLOADS);
      t[1] += row.get(Measure.SESSIONS);
    }
    for (PurchaseRow p : day.purchases()) {
      byTerritory.computeIfAbsent(p.audience().territory(), k -> new long[3])[2] += p.units();
    }
  }

  void writeTo(ObjectNode out) {
    byTerritory.forEach((territory, t) -> out.putObject(territory)
        .put("firstTimeDownloads", t[0]).put("sessions", t[1]).put("purchases", t[2]));
  }
}
