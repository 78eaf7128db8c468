package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.simulated.SimulatedDays;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords.ProductionSale;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything an instance's files are made from, so they can be made again byte for byte on
 * download instead of being stored: the app's frozen model version (app id and fingerprint, see
 * {@code UsageModel.freeze}), the report, the batches of Dates with how complete each is, whether
 * the privacy threshold applies, and how many rows go in one segment. Kept in the instance's
 * attributes under {@value #ATTRIBUTE}, which no response schema has, so it is never rendered.
 */
record InstanceRecipe(
    String appId, String fingerprint, int report, Granularity granularity, LocalDate processingDate,
    List<Slice> slices, boolean privacy, int rowsPerSegment, List<ProductionSale> simulated) {
  static final String ATTRIBUTE = "recipe";

  InstanceRecipe(String appId, String fingerprint, int report, Granularity granularity, LocalDate processingDate,
      List<Slice> slices, boolean privacy, int rowsPerSegment) {
    this(appId, fingerprint, report, granularity, processingDate, slices, privacy, rowsPerSegment, List.of());
  }

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
    return new InstanceRecipe(appId, fingerprint, report, granularity, date, slices, privacy, rowsPerSegment, simulated);
  }

  /**
   * The same instance with the purchase simulator's Production sales of its days as the store holds
   * them now, for the reports that count purchases: kept in the recipe, so the file made again on
   * download is the one measured, and a processed Date is never revised (docs/analytics-reports.md).
   */
  InstanceRecipe withSimulated(Supplier<SimulatedDays> store) {
    if (entry().kind() != ReportKind.PURCHASES || slices.isEmpty()) {
      return this; // no other report reads purchases (Facts)
    }
    LocalDate from = slices.stream().map(Slice::from).min(LocalDate::compareTo).orElseThrow();
    LocalDate to = slices.stream().map(Slice::to).max(LocalDate::compareTo).orElseThrow();
    return new InstanceRecipe(appId, fingerprint, report, granularity, processingDate, slices, privacy, rowsPerSegment,
        store.get().sales(appId, from, to));
  }

  /** The model's days of this instance's app with its frozen simulated sales laid over them. */
  Function<LocalDate, AppDay> days(Function<LocalDate, AppDay> model) {
    if (simulated.isEmpty()) {
      return model;
    }
    SimulatedDays overlay = SimulatedDays.ofSales(appId, simulated);
    return date -> overlay.over(model.apply(date));
  }

  /** Whether a frozen simulated sale falls on {@code date} (its day is then not the model's alone). */
  boolean simulatedOn(LocalDate date) {
    return simulated.stream().anyMatch(s -> s.day().equals(date));
  }

  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("appId", appId).put("fingerprint", fingerprint).put("report", report).put("granularity", granularity.name())
        .put("processingDate", processingDate.toString()).put("privacy", privacy).put("rowsPerSegment", rowsPerSegment);
    ArrayNode array = out.putArray("slices");
    for (Slice s : slices) {
      array.addArray().add(s.date().toString()).add(s.from().toString()).add(s.to().toString()).add(s.perMille());
    }
    if (!simulated.isEmpty()) {
      ArrayNode sales = out.putArray("simulated");
      for (ProductionSale s : simulated) {
        sales.addArray().add(s.day().toString()).add(s.productId()).add(s.storefront()).add(s.price()).add(s.currency())
            .add(s.units()).add(s.renewal());
      }
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
        List.copyOf(slices), json.path("privacy").asBoolean(), json.path("rowsPerSegment").asInt(), simulated(json.path("simulated")));
  }

  private static List<ProductionSale> simulated(JsonNode array) {
    List<ProductionSale> out = new ArrayList<>();
    for (JsonNode s : array) {
      out.add(new ProductionSale(LocalDate.parse(s.get(0).asText()), s.get(1).asText(), s.get(2).asText(), s.get(3).asLong(),
          s.get(4).asText(), s.get(5).asLong(), s.get(6).asBoolean()));
    }
    return List.copyOf(out);
  }
}
