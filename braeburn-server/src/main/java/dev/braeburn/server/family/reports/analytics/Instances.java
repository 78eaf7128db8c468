package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.simulated.SimulatedDays;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Instances and segments as stored resources: an instance keeps its {@link InstanceRecipe}, each
 * segment its size, checksum, part number, download secret and object path (none of which but
 * size and checksum any response schema has). No file bytes are stored: {@link SegmentFiles}
 * measures them here and makes them again on download.
 */
final class Instances {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final EngineServices services;
  private final AppDays days;
  private final RowCache rows;
  private final SecureRandom random = new SecureRandom();

  Instances(EngineServices services, AppDays days, RowCache rows) {
    this.services = services;
    this.days = days;
    this.rows = rows;
  }

  /** Makes an instance of {@code report} from {@code recipe}, measuring its segments. */
  Resource create(StoreTx tx, Resource request, Resource report, InstanceRecipe planned, ModelApp app) {
    InstanceRecipe recipe = planned.withSimulated(() -> SimulatedDays.read(tx, List.of(app.appId())));
    ReportRows file = new ReportRows(recipe, app, rows);
    List<SegmentFiles.Stat> stats = SegmentFiles.measure(file.header(), sink -> file.write(recipe.days(days.of(app)), sink),
        recipe.rowsPerSegment());
    return insert(tx, request, report, recipe, stats);
  }

  /** Makes an instance processed on {@code date} with exactly the content of {@code previous} (a duplicate delivery). */
  Resource duplicate(StoreTx tx, Resource request, Resource report, Resource previous, LocalDate date) {
    InstanceRecipe recipe = recipeOf(previous).reprocessedOn(date);
    List<SegmentFiles.Stat> stats = new ArrayList<>();
    for (Resource segment : segments(tx, previous)) {
      ObjectNode a = segment.attributes();
      stats.add(new SegmentFiles.Stat(a.path("rows").asLong(), a.path("sizeInBytes").asLong(), a.path("checksum").asText()));
    }
    return insert(tx, request, report, recipe, stats);
  }

  private Resource insert(StoreTx tx, Resource request, Resource report, InstanceRecipe recipe, List<SegmentFiles.Stat> stats) {
    ObjectNode attributes = services.mapper().createObjectNode()
        .put("granularity", recipe.granularity().name())
        .put("processingDate", recipe.processingDate().toString())
        .put("requestId", request.id());
    attributes.set(InstanceRecipe.ATTRIBUTE, recipe.toJson());
    Resource instance = tx.insert(AnalyticsTypes.INSTANCES, services.ids().next(AnalyticsTypes.INSTANCES), attributes);
    tx.link(report, relation(AnalyticsTypes.REPORTS, "instances"), instance);
    String folder = recipe.appId() + "/" + recipe.entry().objectKey() + "/" + recipe.granularity() + "/"
        + request.attributes().path("accessType").asText() + "/" + DAY.format(recipe.processingDate()) + "/"
        + services.clock().millis() + "/";
    for (int part = 0; part < stats.size(); part++) {
      SegmentFiles.Stat stat = stats.get(part);
      ObjectNode s = services.mapper().createObjectNode()
          .put("checksum", stat.checksum())
          .put("sizeInBytes", stat.sizeInBytes())
          .put("rows", stat.rows())
          .put("part", part)
          .put("instanceId", instance.id())
          .put("requestId", request.id())
          .put("objectPath", folder + part + ".csv.gz")
          .put("secret", secret());
      Resource segment = tx.insert(AnalyticsTypes.SEGMENTS, services.ids().next(AnalyticsTypes.SEGMENTS), s);
      tx.link(instance, relation(AnalyticsTypes.INSTANCES, "segments"), segment);
    }
    return instance;
  }

  static InstanceRecipe recipeOf(Resource instance) {
    return InstanceRecipe.fromJson(instance.attributes().path(InstanceRecipe.ATTRIBUTE));
  }

  /** A report's instances in the order they were made. */
  List<Resource> of(StoreTx tx, Resource report) {
    return sorted(tx, tx.linked(report.type(), report.id(), relation(AnalyticsTypes.REPORTS, "instances")));
  }

  /** An instance's segments by part number. */
  List<Resource> segments(StoreTx tx, Resource instance) {
    return sorted(tx, tx.linked(instance.type(), instance.id(), relation(AnalyticsTypes.INSTANCES, "segments")));
  }

  /** A request's reports, in catalogue order. */
  List<Resource> reports(StoreTx tx, Resource request) {
    return sorted(tx, tx.linked(request.type(), request.id(), relation(AnalyticsTypes.REQUESTS, "reports")));
  }

  void delete(StoreTx tx, Resource instance) {
    for (Resource segment : segments(tx, instance)) {
      tx.delete(segment.type(), segment.id());
    }
    tx.delete(instance.type(), instance.id());
  }

  /** Deletes the request's own reports (ids {@code r<N>-<requestId>}) with their instances and segments. */
  void deleteReports(StoreTx tx, Resource request) {
    for (Resource report : reports(tx, request)) {
      if (report.id().endsWith("-" + request.id())) {
        of(tx, report).forEach(instance -> delete(tx, instance));
        tx.delete(report.type(), report.id());
      }
    }
  }

  String relation(String type, String name) {
    return services.model().relationship(type, name).storage();
  }

  private static List<Resource> sorted(StoreTx tx, List<Linkage> linked) {
    if (linked.isEmpty()) {
      return List.of();
    }
    List<Resource> out = new ArrayList<>(tx.findAll(linked));
    out.sort(Comparator.comparingLong(Resource::seq));
    return out;
  }

  private String secret() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
