package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 200 answer of a report download: the spec's {@code application/a-gzip} body. Whether Apple
 * names the file is not known (reports-webhooks.md open question 8); Braeburn sends a
 * {@code Content-Disposition} with the name App Store Connect gives the file in its UI — its own
 * choice, harmless to clients that ignore it.
 */
final class ReportDownload {
  static final String GZIP = "application/a-gzip";

  private ReportDownload() {}

  static ApiResponse of(String fileName, TsvTable table) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", GZIP);
    headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    return new ApiResponse(200, headers, table.gzip());
  }
}
