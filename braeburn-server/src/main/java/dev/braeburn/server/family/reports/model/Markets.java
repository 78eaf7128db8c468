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

  /** A territory × device pair and its share of the app's sales: territory weight × device weight. */
  record Share(String territory, String device, double weight) {}

  Markets(ModelApp app, AudienceSpace space, String newestVersion, java.time.LocalDate date) {
    List<Market> out = new ArrayList<>();
    for (Share share : shares(app)) {
      Audience best = null;
      double bestWeight = -1;
      for (AudienceSpace.Slot s : space.slots()) {
        Audience a = s.audience();
        if (s.newest() && s.weight() > bestWeight && a.territory().equals(share.territory()) && a.device().equals(share.device())) {
          best = a;
          bestWeight = s.weight();
        }
      }
      if (best == null) {
        String os = Releases.platformVersions(share.device(), date).getFirst().name();
        best = new Audience(share.territory(), share.device(), os, newestVersion, "App Store search", "", "", "Product page",
            "Default Product Page");
      }
      out.add(new Market(share.territory(), share.device(), share.weight(), best));
    }
    this.markets = List.copyOf(out);
  }

  /** The app's territory × device pairs, territories in code order, devices in tuning order. */
  static List<Share> shares(ModelApp app) {
    List<Share> out = new ArrayList<>();
    for (Map.Entry<String, Double> t : new TreeMap<>(app.tuning().territories()).entrySet()) {
      for (Map.Entry<String, Double> d : app.tuning().devices().entrySet()) {
        out.add(new Share(t.getKey(), d.getKey(), t.getValue() * d.getValue()));
      }
    }
    return List.copyOf(out);
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
