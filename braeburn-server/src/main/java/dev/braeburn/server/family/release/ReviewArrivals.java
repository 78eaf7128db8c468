package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.Seeds;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.family.reports.model.UsageRow;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Customer reviews arriving over time (docs/customer-reviews.md): each Pacific day an app had a
 * version on the App Store, reviews arrive in proportion to the usage model's first-time downloads
 * of that day — {@link #RATE} of them, rounded — spread over the day's territories and devices by
 * largest remainder, each attached to the app and to the version that was live that day. A day's
 * reviews are a pure function of the app's model and the date (name-based ids, seeded words), and
 * they are made lazily: a read of the app's reviews first writes the complete days since the last
 * read (the {@value #WATERMARK} resource keeps the last day written), at most {@link #WINDOW_DAYS}
 * of them — so the first read brings the last 30 days, and a day left out of every 30-day window
 * between two reads (a long clock jump) stays without reviews. Reviews already stored (the seed's)
 * are kept.
 */
final class ReviewArrivals {
  static final String TYPE = "customerReviews";
  /** Internal type (id = app id, attribute {@code through}: the last day written). */
  static final String WATERMARK = "_customerReviewArrivals";
  /** Written reviews per first-time download [INFER]: a few a day for an app with a few hundred downloads a day. */
  static final double RATE = 0.008;
  /** The most days one read writes. */
  static final int WINDOW_DAYS = 30;
  /** Apple's reporting days (reports-webhooks.md §2.1). */
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final long STREAM = 0x5245_5649_4557L; // "REVIEW": draws apart from the model's own streams
  /** The model's devices → the platform whose version they run. */
  private static final Map<String, String> PLATFORM_OF =
      Map.of("iPhone", "IOS", "iPad", "IOS", "Desktop", "MAC_OS", "Apple TV", "TV_OS", "Apple Vision", "VISION_OS");

  private final Release release;
  private final UsageModel model;

  ReviewArrivals(Release release, UsageModel model) {
    this.release = release;
    this.model = model;
  }

  /** A released version as the plan needs it. */
  private record Live(String id, String platform, Instant created) {}

  private record Plan(ModelApp app, LocalDate from, LocalDate to, List<Live> versions) {}

  /** One review to write. */
  private record Arrival(String id, LocalDate day, ObjectNode attributes, String versionId) {}

  /** Writes the app's reviews of the complete days not written yet (none when the team has no such app). */
  void ensure(String teamId, String appId) {
    Plan plan = release.services().store().read(teamId, tx -> plan(tx, appId));
    if (plan == null) {
      return;
    }
    List<Arrival> arrivals = new ArrayList<>();
    for (LocalDate d = plan.from(); !d.isAfter(plan.to()); d = d.plusDays(1)) {
      arrivals.addAll(day(plan, d));
    }
    release.services().store().write(teamId, tx -> {
      write(tx, appId, plan, arrivals);
      return null;
    });
  }

  private Plan plan(StoreTx tx, String appId) {
    Resource app = tx.find("apps", appId).orElse(null);
    if (app == null) {
      return null;
    }
    LocalDate yesterday = LocalDate.now(release.services().clock().withZone(PACIFIC)).minusDays(1);
    LocalDate through = through(tx, appId);
    LocalDate earliest = yesterday.minusDays(WINDOW_DAYS - 1L);
    LocalDate from = through == null || through.isBefore(earliest) ? earliest : through.plusDays(1);
    if (from.isAfter(yesterday)) {
      return null;
    }
    List<Live> versions = release.graph().related(tx, app, "appStoreVersions").stream().filter(VersionStates::released)
        .map(v -> new Live(v.id(), v.attributes().path("platform").asText(), instant(v.attributes().path("createdDate").asText(""))))
        .sorted(Comparator.comparing(Live::created).thenComparing(Live::id)).toList();
    return new Plan(model.app(tx, appId).orElseThrow(), from, yesterday, versions);
  }

  private static LocalDate through(StoreTx tx, String appId) {
    return tx.find(WATERMARK, appId).map(w -> LocalDate.parse(w.attributes().path("through").asText())).orElse(null);
  }

  /** The reviews of one day: none while the app has no version on the App Store. */
  private List<Arrival> day(Plan plan, LocalDate date) {
    if (plan.versions().isEmpty()) {
      return List.of();
    }
    AppDay day = model.day(plan.app(), date);
    Map<String, Long> downloads = new TreeMap<>(); // "territory\tdevice" → first-time downloads, in key order
    long total = 0;
    for (UsageRow row : day.usage()) {
      long n = row.get(Measure.FIRST_TIME_DOWNLOADS);
      if (n > 0) {
        downloads.merge(row.audience().territory() + "\t" + row.audience().device(), n, Long::sum);
        total += n;
      }
    }
    int count = (int) Math.round(total * RATE);
    List<Arrival> out = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, Integer> share : split(downloads, total, count).entrySet()) {
      String[] key = share.getKey().split("\t");
      for (int k = 0; k < share.getValue(); k++, index++) {
        out.add(arrival(plan, date, index, Territories.alpha3(key[0]), PLATFORM_OF.getOrDefault(key[1], "IOS")));
      }
    }
    out.sort(Comparator.comparing((Arrival a) -> instant(a.attributes().path("createdDate").asText())).thenComparing(Arrival::id));
    return out;
  }

  private Arrival arrival(Plan plan, LocalDate date, int index, String territory, String platform) {
    String appId = plan.app().appId();
    SplittableRandom random = Seeds.random(STREAM, Seeds.of(appId), date.toEpochDay(), index);
    ReviewTexts.Text text = ReviewTexts.draw(random, territory);
    String created = date.atStartOfDay(PACIFIC).plusSeconds(random.nextInt(86_400)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    ObjectNode attributes = release.graph().object().put("rating", text.rating()).put("title", text.title()).put("body", text.body())
        .put("reviewerNickname", text.nickname()).put("createdDate", created).put("territory", territory);
    String id = UUID.nameUUIDFromBytes((TYPE + "/" + appId + "/" + date + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
    return new Arrival(id, date, attributes, versionOn(plan.versions(), platform, instant(created)));
  }

  /**
   * The version live when the review was written: of the platform's released versions (or, when the
   * model's device has none, of all), the latest created before it, else the first [INFER: Apple
   * keeps no release dates in the API, so the creation date stands in for the release].
   */
  private static String versionOn(List<Live> versions, String platform, Instant written) {
    List<Live> candidates = versions.stream().filter(v -> v.platform().equals(platform)).toList();
    List<Live> pool = candidates.isEmpty() ? versions : candidates;
    Live chosen = pool.getFirst();
    for (Live v : pool) { // oldest first
      if (v.created().isBefore(written)) {
        chosen = v;
      }
    }
    return chosen.id();
  }

  /** A stored date-time ("2026-05-11T09:20:00-07:00" or "…Z"); the epoch when there is none. */
  private static Instant instant(String dateTime) {
    try {
      return OffsetDateTime.parse(dateTime).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** {@code count} split over the keys in proportion to their weights, by largest remainder (ties in key order). */
  static Map<String, Integer> split(Map<String, Long> weights, long total, int count) {
    Map<String, Integer> out = new TreeMap<>();
    if (total <= 0 || count <= 0) {
      return out;
    }
    List<Map.Entry<String, Double>> remainders = new ArrayList<>();
    int given = 0;
    for (Map.Entry<String, Long> e : weights.entrySet()) {
      double exact = (double) count * e.getValue() / total;
      int whole = (int) Math.floor(exact);
      out.put(e.getKey(), whole);
      given += whole;
      remainders.add(Map.entry(e.getKey(), exact - whole));
    }
    remainders.sort(Map.Entry.<String, Double>comparingByValue().reversed()); // stable: equal remainders stay in key order
    for (int i = 0; i < count - given; i++) {
      out.merge(remainders.get(i).getKey(), 1, Integer::sum);
    }
    out.values().removeIf(n -> n == 0);
    return out;
  }

  /** Writes the planned days not written meanwhile (another read, another instance) and moves the watermark. */
  private void write(StoreTx tx, String appId, Plan plan, List<Arrival> arrivals) {
    Resource app = tx.find("apps", appId).orElse(null);
    if (app == null) {
      return;
    }
    LocalDate through = through(tx, appId);
    for (Arrival a : arrivals) {
      if ((through != null && !a.day().isAfter(through)) || tx.find(TYPE, a.id()).isPresent()) {
        continue;
      }
      Resource review = tx.insert(TYPE, a.id(), a.attributes());
      release.graph().link(tx, app, "customerReviews", review);
      tx.find(VersionStates.TYPE, a.versionId()).ifPresent(v -> release.graph().link(tx, v, "customerReviews", review));
      tx.find("territories", a.attributes().path("territory").asText())
          .ifPresent(t -> release.graph().link(tx, review, "reviewTerritory", t));
    }
    if (through == null || plan.to().isAfter(through)) {
      ObjectNode mark = release.graph().object().put("through", plan.to().toString());
      tx.find(WATERMARK, appId).ifPresentOrElse(w -> tx.updateAttributes(w, mark), () -> tx.insert(WATERMARK, appId, mark));
    }
  }
}
