package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The audiences of one app on one day, with their weights: territory × device × OS version × app
 * version × channel (how people came: source type, source, campaign, page). The full product has
 * thousands of combinations; a day keeps only the heaviest few (jittered daily, so rare ones come
 * and go), more for a bigger app, so files stay the size Apple's are: a few hundred rows a day
 * for ~300 downloads, at most {@value #MAX_AUDIENCES} however big the app.
 */
final class AudienceSpace {
  static final int MAX_AUDIENCES = 1800;
  private static final long STREAM_JITTER = 2;

  /** One way of arriving at the app, with its share of traffic (Apple's glossary values, reports-webhooks.md §1.5). */
  record Channel(String sourceType, String sourceInfo, String campaign, String pageType, String pageTitle, double weight) {}

  /** A kept audience: its dimensions, its weight today and whether it runs the newest app version. */
  record Slot(Audience audience, double weight, boolean newest) {}

  private final List<Slot> slots;

  private AudienceSpace(List<Slot> slots) {
    this.slots = slots;
  }

  List<Slot> slots() {
    return slots;
  }

  static AudienceSpace of(ModelApp app, Demand demand, LocalDate date, double expectedDownloads) {
    Releases releases = new Releases(demand, date);
    List<Releases.Share> versions = releases.appVersions();
    List<Channel> channels = channels(app);
    Map<String, Double> territories = new TreeMap<>(app.tuning().territories());
    double territoryTotal = territories.values().stream().mapToDouble(Double::doubleValue).sum();
    double deviceTotal = app.tuning().devices().values().stream().mapToDouble(Double::doubleValue).sum();
    SplittableRandom jitter = demand.random(date, STREAM_JITTER);
    List<String> territoryCodes = List.copyOf(territories.keySet());
    List<String> devices = List.copyOf(app.tuning().devices().keySet());
    List<List<Releases.Share>> systems = devices.stream().map(d -> Releases.platformVersions(d, date)).toList();
    Grid grid = new Grid(territoryCodes, devices, systems, versions, channels);
    int size = grid.size();
    double[] weights = new double[size];
    int i = 0;
    for (String territory : territoryCodes) {
      for (int d = 0; d < devices.size(); d++) {
        double td = territories.get(territory) / territoryTotal * app.tuning().devices().get(devices.get(d)) / deviceTotal;
        for (Releases.Share os : systems.get(d)) {
          for (Releases.Share version : versions) {
            for (Channel ch : channels) {
              // jitter: rare audiences come and go from day to day, the big ones stay
              weights[i++] = td * os.weight() * version.weight() * ch.weight() * (0.6 + 0.8 * jitter.nextDouble());
            }
          }
        }
      }
    }
    int keep = (int) Math.min(Math.min(size, MAX_AUDIENCES), Math.round(40 + 0.55 * expectedDownloads));
    double[] sorted = weights.clone();
    Arrays.sort(sorted);
    double threshold = sorted[size - keep];
    List<Slot> out = new ArrayList<>(keep + 1);
    int above = 0;
    for (double w : weights) {
      above += w > threshold ? 1 : 0;
    }
    int ties = keep - above;
    boolean anyNewest = false;
    int firstNewest = -1;
    for (int k = 0; k < size; k++) {
      boolean newest = grid.newest(k);
      firstNewest = firstNewest < 0 && newest ? k : firstNewest;
      boolean kept = weights[k] > threshold || (weights[k] == threshold && ties-- > 0);
      if (kept) {
        out.add(grid.slot(k, weights[k]));
        anyNewest |= newest;
      }
    }
    if (!anyNewest) { // downloads always need an audience on the version the store sells
      out.add(grid.slot(firstNewest, weights[firstNewest]));
    }
    return new AudienceSpace(List.copyOf(out));
  }

  /** The full product of the dimensions, indexed territory-major, channel-minor. */
  private record Grid(List<String> territories, List<String> devices, List<List<Releases.Share>> systems,
      List<Releases.Share> versions, List<Channel> channels) {
    int perDevice() {
      return systems.getFirst().size() * versions.size() * channels.size();
    }

    int size() {
      return territories.size() * devices.size() * perDevice();
    }

    boolean newest(int k) {
      return (k / channels.size()) % versions.size() == 0;
    }

    Slot slot(int k, double weight) {
      int v = (k / channels.size()) % versions.size();
      int os = (k / (channels.size() * versions.size())) % systems.getFirst().size();
      int d = (k / perDevice()) % devices.size();
      Channel c = channels.get(k % channels.size());
      Audience a = new Audience(territories.get(k / (perDevice() * devices.size())), devices.get(d), systems.get(d).get(os).name(),
          versions.get(v).name(), c.sourceType(), c.sourceInfo(), c.campaign(), c.pageType(), c.pageTitle());
      return new Slot(a, weight, v == 0);
    }
  }

  /**
   * Channels with Apple-like shares: search about 60%, browse 20%, app and web referrers, and
   * traffic Apple cannot attribute. Web referrer traffic from the developer's own site carries
   * campaign tokens and lands on custom product pages.
   */
  static List<Channel> channels(ModelApp app) {
    String site = site(app.bundleId());
    String[] campaigns = {"launch", "newsletter", "spring_promo", "creator_collab", "blog_post"};
    int c = (int) Math.floorMod(app.tuning().seed(), (long) campaigns.length);
    String pdp = "Default Product Page";
    return List.of(
        new Channel("App Store search", "", "", "Product page", pdp, 0.33),
        new Channel("App Store search", "", "", "No page", "", 0.27),
        new Channel("App Store browse", "", "", "Product page", pdp, 0.17),
        new Channel("App Store browse", "", "", "No page", "", 0.03),
        new Channel("App referrer", "com.google.GoogleMobile", "", "Store sheet", "", 0.03),
        new Channel("App referrer", "com.burbn.instagram", "", "Store sheet", "", 0.025),
        new Channel("App referrer", "com.reddit.Reddit", "", "Product page", pdp, 0.015),
        new Channel("Web referrer", "google.com", "", "Product page", pdp, 0.025),
        new Channel("Web referrer", site, campaigns[c], "Product page", "Campaign " + campaigns[c].replace('_', ' '), 0.025),
        new Channel("Web referrer", site, campaigns[(c + 1) % campaigns.length], "Product page", pdp, 0.01),
        new Channel("Web referrer", "reddit.com", "", "Product page", pdp, 0.01),
        new Channel("Unavailable", "", "", "No page", "", 0.05));
  }

  /** The developer's web site guessed from the bundle id: com.example.app → example.com. */
  static String site(String bundleId) {
    String[] parts = bundleId == null ? new String[0] : bundleId.split("\\.");
    return parts.length >= 2 ? parts[1] + "." + parts[0] : "example.com";
  }
}
