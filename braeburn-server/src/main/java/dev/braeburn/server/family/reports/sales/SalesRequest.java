package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.jsonapi.Query;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A valid {@code GET /v1/salesReports} request: the row of Apple's combination table it names, its
 * frequency, its version and the period ({@code null} when {@code filter[reportDate]} is omitted,
 * which means the latest published one).
 */
record SalesRequest(SalesReportKind kind, Frequency frequency, String version, ReportPeriod period) {

  /** Every problem of the filters at once, as one 400 (reports-webhooks.md §2.1–2.2). */
  static SalesRequest parse(Query query, String teamId) {
    ReportFilters filters = new ReportFilters(query);
    filters.requireVendor(teamId);
    String type = filters.one("reportType");
    String subType = filters.one("reportSubType");
    String frequencyName = filters.one("frequency");
    String date = filters.one("reportDate");
    String version = filters.one("version");
    Frequency frequency = frequencyName == null ? null : Frequency.valueOf(frequencyName);
    SalesReportKind kind = type == null || subType == null || frequency == null ? null : kind(filters, type, subType, frequency);
    if (kind != null && version != null && !kind.accepts(version)) {
      filters.problem(ReportErrors.version(kind.current()));
    }
    ReportPeriod period = null;
    if (frequency != null && date != null) {
      period = frequency.parse(date);
      if (period == null) {
        filters.problem(ReportErrors.reportDate(date, expectedDate(frequency)));
      }
    }
    filters.throwIfAny();
    return new SalesRequest(kind, frequency, version != null ? version : kind.current(), period);
  }

  private static SalesReportKind kind(ReportFilters filters, String type, String subType, Frequency frequency) {
    List<SalesReportKind> ofType = SalesReportKind.TABLE.stream().filter(k -> k.type().equals(type)).toList();
    List<SalesReportKind> ofSubType = ofType.stream().filter(k -> k.subType().equals(subType)).toList();
    if (ofSubType.isEmpty()) {
      Set<String> subTypes = new LinkedHashSet<>();
      ofType.forEach(k -> subTypes.add(k.subType()));
      filters.problem(ReportErrors.notOneOf("filter[reportSubType]", "report sub type", subType,
          "for the report type '" + type + "'", List.copyOf(subTypes)));
      return null;
    }
    for (SalesReportKind k : ofSubType) {
      if (k.frequencies().contains(frequency)) {
        return k;
      }
    }
    List<String> frequencies = Arrays.stream(Frequency.values())
        .filter(f -> ofSubType.stream().anyMatch(k -> k.frequencies().contains(f))).map(Enum::name).toList();
    filters.problem(ReportErrors.notOneOf("filter[frequency]", "frequency", frequency.name(),
        "for the report type '" + type + "' and sub type '" + subType + "'", frequencies));
    return null;
  }

  private static String expectedDate(Frequency frequency) {
    return switch (frequency) {
      case DAILY -> "a DAILY report takes a day formatted YYYY-MM-DD";
      case WEEKLY -> "a WEEKLY report takes the week's last day, a Sunday, formatted YYYY-MM-DD";
      case MONTHLY -> "a MONTHLY report takes a month formatted YYYY-MM";
      case YEARLY -> "a YEARLY report takes a year formatted YYYY";
    };
  }
}
