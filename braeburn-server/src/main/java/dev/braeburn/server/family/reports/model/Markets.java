package dev.braeburn.server.family.reports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The territory × device pairs an app sells in, with their shares, and the audience a day's sales
 * in each pair are attributed to: the day's heaviest audience of that pair on the newest app
 * version, or plain App Store search traffic when the pair has none. Sales and subscription rows
 * are split over these pairs, so per-territory figures of every report agree.
 */
final class Markets {
  record Market(String territory, String device, double weight, Audience audience) {}

  private final List<Market> markets;

  Markets(ModelApp app, AudienceSpace space, String newestVersion, java.time.LocalDate date) {
    Map<String, Double> territories = new TreeMap<>(app.tuning().territories());
    List<Market> out = new ArrayList<>();
    for (Map.Entry<String, Double> t : territories.entrySet()) {
      for (Map.Entry<String, Double> d : app.tuning().devices().entrySet()) {
        Audience best = null;
        double bestWeight = -1;
        for (AudienceSpace.Slot s : space.slots()) {
          Audience a = s.audience();
          if (s.newest() && s.weight() > bestWeight && a.territory().equals(t.getKey()) && a.device().equals(d.getKey())) {
            best = a;
            bestWeight = s.weight();
          }
        }
        if (best == null) {
          String os = Releases.platformVersions(d.getKey(), date).getFirst().name();
          best = new Audience(t.getKey(), d.getKey(), os, newestVersion, "App Store search", "", "", "Product page",
              "Default Product Page");
        }
        out.add(new Market(t.getKey(), d.getKey(), t.getValue() * d.getValue(), best));
      }
    }
    this.markets = List.copyOf(out);
  }

  List<Market> all() {
    return markets;
  }

  double[] weights() {
    return markets.stream().mapToDouble(Market::weight).toArray();
  }

  /** {@code total} split over the markets by their shares. */
  long[] split(long total) {
    return Allocation.split(total, weights());
  }
}
