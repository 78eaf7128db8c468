package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an instance's files are made from, so they can be made again byte for byte on
 * download instead of being stored: the app's frozen model version (app id and fingerprint, see
 * {@code UsageModel.freeze}), the report, the batches of Dates with how complete each is, whether
 * the privacy threshold applies, and how many rows go in one segment. Kept in the instance's
 * attributes under {@value #ATTRIBUTE}, which no response schema has, so it is never rendered.
 */
record InstanceRecipe(
    String appId, String fingerprint, int report, Granularity granularity, LocalDate processingDate,
    List<Slice> slices, boolean privacy, int rowsPerSegment) {
  static final String ATTRIBUTE = "recipe";

  /**
   * One batch of an instance: the rows whose Date column is {@code date}, summed over the days
   * {@code from}–{@code to} (one day for DAILY, Monday–Sunday for WEEKLY, the month for MONTHLY),
   * each count scaled to {@code perMille}/1000 of its final value (a day still filling in).
   */
  record Slice(LocalDate date, LocalDate from, LocalDate to, int perMille) {
    static final int COMPLETE = 1000;

    static Slice day(LocalDate date, int perMille) {
      return new Slice(date, date, date, perMille);
    }
  }

  ReportCatalogue.Entry entry() {
    return ReportCatalogue.byNumber(report).orElseThrow(() -> new IllegalStateException("no report r" + report));
  }

  /** The same instance without any Dates: its files hold the header alone (emptyInstances scenario). */
  InstanceRecipe withoutRows() {
    return new InstanceRecipe(appId, fingerprint, report, granularity, processingDate, List.of(), privacy, rowsPerSegment);
  }

  /** The same content made again on another processing date: a duplicate delivery. */
  InstanceRecipe reprocessedOn(LocalDate date) {
    return new InstanceRecipe(appId, fingerprint, report, granularity, date, slices, privacy, rowsPerSegment);
  }

  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("appId", appId).put("fingerprint", fingerprint).put("report", report).put("granularity", granularity.name())
        .put("processingDate", processingDate.toString()).put("privacy", privacy).put("rowsPerSegment", rowsPerSegment);
    ArrayNode array = out.putArray("slices");
    for (Slice s : slices) {
      array.addArray().add(s.date().toString()).add(s.from().toString()).add(s.to().toString()).add(s.perMille());
    }
    return out;
  }

  static InstanceRecipe fromJson(JsonNode json) {
    List<Slice> slices = new ArrayList<>();
    for (JsonNode s : json.path("slices")) {
      slices.add(new Slice(LocalDate.parse(s.get(0).asText()), LocalDate.parse(s.get(1).asText()), LocalDate.parse(s.get(2).asText()),
          s.get(3).asInt()));
    }
    return new InstanceRecipe(json.path("appId").asText(), json.path("fingerprint").asText(), json.path("report").asInt(),
        Granularity.valueOf(json.path("granularity").asText()), LocalDate.parse(json.path("processingDate").asText()),
        List.copyOf(slices), json.path("privacy").asBoolean(), json.path("rowsPerSegment").asInt());
  }
}
