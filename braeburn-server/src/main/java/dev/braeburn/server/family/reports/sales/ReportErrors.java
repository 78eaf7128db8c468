package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;
import java.time.Instant;
import java.util.List;

/**
 * The errors of the report downloads (reports-webhooks.md §2.2, §3). Details Apple has been seen
 * sending are exact: the version message, "There were no sales for the date specified." (clients
 * match it verbatim), the "Report is not available yet." / "Report is no longer available."
 * openings. The rest follows Apple's parameter-error pattern and is marked inferred.
 */
final class ReportErrors {
  /** §2.2 [obs]: clients string-match this detail to mean "nothing to download". */
  static final String NO_SALES = "There were no sales for the date specified.";

  private ReportErrors() {}

  static ApiError noSales() {
    return ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", NO_SALES);
  }

  /** §2.2 [obs]: the opening is Apple's; Apple's tail (a changing support URL) is replaced by the publication time. */
  static ApiError notAvailableYet(Instant publishedAt) {
    return ApiError.of(404, "NOT_FOUND", "The specified resource does not exist",
        "Report is not available yet. It will be available from " + publishedAt + " (8 a.m. Pacific Time).");
  }

  /** §2.2 [obs]: 410 past retention; the code and title are inferred. */
  static ApiError noLongerAvailable() {
    return ApiError.of(410, "GONE", "The requested resource is no longer available", // inferred
        "Report is no longer available. Daily, weekly and monthly reports are kept for one year.");
  }

  /** §2.2 [obs]: Apple's exact wording for a version the report type does not have. */
  static ApiError version(String latest) {
    return Errors.parameterInvalid("filter[version]",
        "The version parameter you have specified is invalid. The latest version for this report is " + latest + ".");
  }

  /**
   * Apple answers an opaque 500 for a vendor number that is not the account's (§2.2 [obs]);
   * Braeburn never answers 500 for bad input, so this is its own clear 400.
   */
  static ApiError vendorNumber(String given) {
    return Errors.parameterInvalid("filter[vendorNumber]",
        "The vendor number '" + given + "' is not the vendor number of this account"); // Braeburn's own
  }

  /** The spec allows lists in these filters; a report is one file, so one value each (inferred). */
  static ApiError oneValue(String parameter) {
    return Errors.parameterInvalid(parameter, "The parameter '" + parameter + "' takes exactly one value");
  }

  static ApiError reportDate(String given, String expected) {
    return Errors.parameterInvalid("filter[reportDate]",
        "The report date '" + given + "' is invalid; " + expected); // inferred
  }

  static ApiError notOneOf(String parameter, String what, String given, String context, List<String> allowed) {
    return Errors.parameterInvalid(parameter,
        "The " + what + " '" + given + "' is not valid " + context + ". Expected one of: " + String.join(", ", allowed)); // inferred
  }
}
