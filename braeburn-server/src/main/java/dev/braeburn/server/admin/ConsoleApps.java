package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.jsonapi.ApiException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The console's Apps pages (docs/console.md): every team's apps, and one app's dashboard drawn
 * from the metrics summary ({@code GET /_braeburn/metrics/apps/{id}}, docs/usage-model.md). The
 * dashboard prints the summary's own totals and draws its own days, so it shows exactly the
 * numbers the reports are tested against; it adds nothing up itself.
 */
final class ConsoleApps {
  /** A rendered page and its HTTP status. */
  record Rendered(int status, String html) {}

  /** A chart of one summary key: its title, its unit, bars or a line, and its colour (a muted palette). */
  private record Measure(String key, String title, SvgChart.Unit unit, boolean bars, String color) {}

  private static final List<Measure> MEASURES = List.of(
      new Measure("firstTimeDownloads", "First-time downloads", SvgChart.Unit.COUNT, true, "#4e79a7"),
      new Measure("redownloads", "Redownloads", SvgChart.Unit.COUNT, true, "#8cb0d1"),
      new Measure("proceedsUsd", "Proceeds (USD)", SvgChart.Unit.USD, false, "#59a14f"),
      new Measure("sessions", "Sessions", SvgChart.Unit.COUNT, false, "#9c755f"),
      new Measure("activeDevices", "Active devices", SvgChart.Unit.COUNT, false, "#b07aa1"));

  private static final String STYLE = "<style>.charts{display:flex;flex-wrap:wrap;gap:16px}"
      + ".card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;background:#fcfcfc}"
      + ".card h2{font-size:15px;margin:4px 0}.card .total{float:right;font-size:18px;font-weight:600;color:#2d3e50;margin:0}"
      + "svg.chart{display:block;max-width:100%;height:auto}td.number{text-align:right;font-variant-numeric:tabular-nums}"
      + ".range{margin:8px 0 16px}</style>";
  private static final String ROOT = "/_braeburn/console/apps";

  private final ConsoleAdmin admin;

  ConsoleApps(ConsoleAdmin admin) {
    this.admin = admin;
  }

  /** Apps per team, each linking to its dashboard (which names the team, as app ids are per team). */
  Rendered list(String formToken) {
    StringBuilder body = new StringBuilder();
    for (JsonNode team : get("teams", null, null).path("data")) {
      String issuer = team.path("issuerId").asText();
      body.append("<h2>").append(escape(team.path("name").asText(""))).append(" <small>issuer ").append(escape(issuer))
          .append("</small></h2>");
      JsonNode apps = get("metrics/apps", null, issuer).path("data");
      if (apps.isEmpty()) {
        body.append("<p>No apps yet.</p>");
        continue;
      }
      body.append("<table class=\"apps\" data-issuer=\"").append(escape(issuer)).append("\">")
          .append(Html.headerRow("App", "Bundle ID", "App ID"));
      for (JsonNode app : apps) {
        body.append("<tr><td><a href=\"").append(escape(dashboardUrl(app.path("appId").asText(), issuer))).append("\">")
            .append(escape(app.path("name").asText())).append("</a></td><td>").append(escape(app.path("bundleId").asText()))
            .append("</td><td>").append(escape(app.path("appId").asText())).append("</td></tr>");
      }
      body.append("</table>");
    }
    body.append("<p>Each app's dashboard draws the usage model's days (<code>GET /_braeburn/metrics/apps/{id}</code>).</p>");
    return new Rendered(200, Html.page("Apps", formToken, STYLE + body));
  }

  /**
   * One app's dashboard for {@code from}..{@code to} (either may be null: the summary's default,
   * the 30 days before today on the virtual clock) in team {@code issuer} (null: the first team).
   */
  Rendered dashboard(String appId, String issuer, String from, String to, String formToken) {
    if (!appId.matches("[0-9A-Za-z._-]{1,64}")) { // never let a page path reach another admin route
      return new Rendered(404, Html.page("Not found", formToken, "<p>There is no app here.</p>"));
    }
    StringBuilder query = new StringBuilder();
    param(query, "from", from);
    param(query, "to", to);
    JsonNode data;
    try {
      data = get("metrics/apps/" + appId, query.isEmpty() ? null : query.toString(), blankToNull(issuer)).path("data");
    } catch (ApiException e) { // a bad date or range, an unknown app or team: say so above the range form
      return new Rendered(e.status(), Html.page("Dashboard", formToken,
          STYLE + rangeForm(appId, issuer, from, to) + "<p class=\"error\">" + escape(e.getMessage()) + "</p>"));
    }
    StringBuilder body = new StringBuilder(STYLE).append("<p><a href=\"").append(ROOT).append("\">All apps</a> · app ")
        .append(escape(data.path("appId").asText())).append("</p>")
        .append(rangeForm(appId, issuer, data.path("from").asText(), data.path("to").asText()))
        .append("<p>Pacific days <b class=\"from\">").append(escape(data.path("from").asText())).append("</b> to <b class=\"to\">")
        .append(escape(data.path("to").asText())).append("</b>, inclusive: the numbers of <code>GET /_braeburn/metrics/apps/")
        .append(escape(appId)).append("</code>, which every report sums to.</p><div class=\"charts\">");
    for (Measure m : MEASURES) {
      body.append(chart(m, data));
    }
    body.append("</div>").append(territories(data.path("territories")));
    return new Rendered(200, Html.page(data.path("name").asText() + " · dashboard", formToken, body.toString()));
  }

  private String chart(Measure m, JsonNode data) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (JsonNode day : data.path("days")) {
      points.add(new SvgChart.Point(LocalDate.parse(day.path("date").asText()), day.path(m.key()).decimalValue()));
    }
    BigDecimal total = data.path("totals").path(m.key()).decimalValue();
    String attributes = "class=\"chart\" data-measure=\"" + escape(m.key()) + "\" data-total=\"" + escape(total.toPlainString())
        + "\" aria-label=\"" + escape(m.title() + " per day") + "\"";
    return "<section class=\"card\"><p class=\"total\" data-measure=\"" + escape(m.key()) + "\">" + escape(m.unit().format(total))
        + "</p><h2>" + escape(m.title()) + "</h2>" + SvgChart.daily(points, m.unit(), m.bars(), m.color(), attributes) + "</section>";
  }

  /** The summary's territories, most first-time downloads first: a table and two horizontal bar charts. */
  private static String territories(JsonNode territories) {
    List<String> codes = new ArrayList<>();
    territories.fieldNames().forEachRemaining(codes::add);
    codes.sort(Comparator.comparing((String c) -> territories.path(c).path("firstTimeDownloads").asLong()).reversed()
        .thenComparing(Comparator.naturalOrder()));
    StringBuilder table = new StringBuilder("<table class=\"territories\">")
        .append(Html.headerRow("Territory", "First-time downloads", "Proceeds (USD)", "Sessions", "In-app purchases"));
    List<SvgChart.Bar> downloads = new ArrayList<>();
    List<SvgChart.Bar> proceeds = new ArrayList<>();
    for (String code : codes) {
      JsonNode t = territories.path(code);
      BigDecimal d = t.path("firstTimeDownloads").decimalValue();
      BigDecimal p = t.path("proceedsUsd").decimalValue();
      downloads.add(new SvgChart.Bar(code, d));
      proceeds.add(new SvgChart.Bar(code, p));
      table.append("<tr data-territory=\"").append(escape(code)).append("\"><td>").append(escape(code)).append("</td>")
          .append(cell("firstTimeDownloads", d, SvgChart.Unit.COUNT)).append(cell("proceedsUsd", p, SvgChart.Unit.USD))
          .append(cell("sessions", t.path("sessions").decimalValue(), SvgChart.Unit.COUNT))
          .append(cell("purchases", t.path("purchases").decimalValue(), SvgChart.Unit.COUNT)).append("</tr>");
    }
    table.append("</table>");
    proceeds.sort(Comparator.comparing(SvgChart.Bar::value).reversed());
    return "<h2>By territory</h2><div class=\"charts\"><section class=\"card\"><h2>First-time downloads</h2>"
        + SvgChart.horizontal(downloads, SvgChart.Unit.COUNT, "#4e79a7", "class=\"chart territories\" data-measure=\"firstTimeDownloads\"")
        + "</section><section class=\"card\"><h2>Proceeds (USD)</h2>"
        + SvgChart.horizontal(proceeds, SvgChart.Unit.USD, "#59a14f", "class=\"chart territories\" data-measure=\"proceedsUsd\"")
        + "</section></div>" + table;
  }

  private static String cell(String key, BigDecimal value, SvgChart.Unit unit) {
    return "<td class=\"number\" data-key=\"" + key + "\" data-value=\"" + escape(value.toPlainString()) + "\">" + escape(unit.format(value)) + "</td>";
  }

  private static String rangeForm(String appId, String issuer, String from, String to) {
    return "<form class=\"range\" method=\"get\" action=\"" + ROOT + "/" + escape(appId) + "\">"
        + (blankToNull(issuer) == null ? "" : "<input type=\"hidden\" name=\"team\" value=\"" + escape(issuer) + "\">")
        + "<label>From <input type=\"date\" name=\"from\" value=\"" + escape(from) + "\"></label> "
        + "<label>To <input type=\"date\" name=\"to\" value=\"" + escape(to) + "\"></label> <button type=\"submit\">Show</button></form>";
  }

  private static String dashboardUrl(String appId, String issuer) {
    return ROOT + "/" + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "?team=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8);
  }

  /** Money stays exact: {@link ConsoleAdmin} reads floats as BigDecimal, so a total prints as the API wrote it. */
  private JsonNode get(String path, String query, String issuer) {
    return admin.get(path, query, issuer);
  }

  private static void param(StringBuilder query, String name, String value) {
    if (blankToNull(value) != null) {
      query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
