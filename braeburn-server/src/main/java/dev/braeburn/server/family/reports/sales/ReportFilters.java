package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-valued filters of a report download, and every problem found with them: the engine
 * has already checked presence and enum values against the spec; the rules here are the ones the
 * spec cannot express, all reported at once as Apple does.
 */
final class ReportFilters {
  private final Query query;
  private final List<ApiError> problems = new ArrayList<>();

  ReportFilters(Query query) {
    this.query = query;
  }

  /** The filter's one value; null when absent, or when it has several (a problem). */
  String one(String key) {
    List<String> values = query.filters().get(key);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      problems.add(ReportErrors.oneValue("filter[" + key + "]"));
      return null;
    }
    return values.getFirst();
  }

  void problem(ApiError error) {
    problems.add(error);
  }

  /** The vendor number must be the calling team's (see {@link VendorNumbers}). */
  void requireVendor(String teamId) {
    String given = one("vendorNumber");
    if (given != null && !given.equals(VendorNumbers.of(teamId))) {
      problems.add(ReportErrors.vendorNumber(given));
    }
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ApiException(problems);
    }
  }
}
