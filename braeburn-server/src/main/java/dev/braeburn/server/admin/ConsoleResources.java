package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;
import static dev.braeburn.server.admin.Html.headerRow;
import static dev.braeburn.server.admin.Html.row;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import java.util.Map;

/**
 * The resource browser (docs/console.md): {@code resources?team=&type=&cursor=} shows a team's
 * resource types with their counts, then one type's resources 50 at a time; {@code
 * resources/<type>/<id>?team=} shows one resource's attributes and relationships, every related
 * resource a link to its own page. From {@code GET /_braeburn/resources[/{type}/{id}]}.
 */
final class ConsoleResources {
  private static final String PAGE = "/_braeburn/console/resources";
  /** How many attributes the list shows per resource: enough to tell them apart. */
  private static final int LISTED_ATTRIBUTES = 3;

  private final ConsoleAdmin admin;

  ConsoleResources(ConsoleAdmin admin) {
    this.admin = admin;
  }

  String typesPage(ApiRequest req, ConsoleSessions.Session session) {
    JsonNode teams = admin.get("teams", null, null);
    String team = team(req, teams);
    String type = ConsoleAdmin.query(req, "type");
    StringBuilder body = new StringBuilder(teamPicker(teams, team, type));
    body.append("<div style=\"display:flex;gap:24px\"><table class=\"types\">").append(headerRow("Type", "Count"));
    for (JsonNode t : admin.get("resources", null, team).path("data")) {
      body.append("<tr><td>").append(link(PAGE + "?team=" + ConsoleAdmin.encode(team) + "&type=" + ConsoleAdmin.encode(t.path("type").asText()),
          t.path("type").asText())).append("</td><td>").append(t.path("count").asLong()).append("</td></tr>");
    }
    body.append("</table>");
    if (!type.isEmpty()) {
      body.append(resourceList(team, type, ConsoleAdmin.query(req, "cursor")));
    }
    return Html.page("Resources", session.formToken(), body.append("</div>").toString());
  }

  private String resourceList(String team, String type, String cursor) {
    String query = "type=" + ConsoleAdmin.encode(type) + "&limit=" + ResourceAdmin.DEFAULT_LIMIT
        + (cursor.isEmpty() ? "" : "&cursor=" + ConsoleAdmin.encode(cursor));
    JsonNode page = admin.get("resources", query, team);
    StringBuilder out = new StringBuilder("<div><h2>").append(escape(type)).append(" <small>")
        .append(page.path("meta").path("paging").path("total").asLong()).append(" in all</small></h2><table class=\"resources\">")
        .append(headerRow("ID", "Attributes"));
    for (JsonNode r : page.path("data")) {
      out.append("<tr><td>").append(link(resourceUrl(team, type, r.path("id").asText()), r.path("id").asText())).append("</td><td>")
          .append(escape(summary(r.path("attributes")))).append("</td></tr>");
    }
    out.append("</table>");
    String next = page.path("links").path("next").asText("");
    if (!next.isEmpty()) {
      String nextCursor = next.substring(next.indexOf("cursor=") + "cursor=".length());
      out.append("<p>").append(link(PAGE + "?team=" + ConsoleAdmin.encode(team) + "&type=" + ConsoleAdmin.encode(type)
          + "&cursor=" + ConsoleAdmin.encode(nextCursor), "Next " + ResourceAdmin.DEFAULT_LIMIT + " →")).append("</p>");
    }
    return out.append("</div>").toString();
  }

  /** {@code typeAndId} is the raw path after resources/: "type/id", each part percent-encoded. */
  ApiResponse resourcePage(ApiRequest req, String typeAndId, ConsoleSessions.Session session) {
    int slash = typeAndId.indexOf('/');
    if (slash < 1) {
      return Console.redirect(PAGE + "?type=" + typeAndId);
    }
    String type = ConsoleAdmin.decode(typeAndId.substring(0, slash));
    String id = ConsoleAdmin.decode(typeAndId.substring(slash + 1));
    String team = team(req, admin.get("teams", null, null));
    JsonNode resource = admin.get("resources/" + type + "/" + id, null, team).path("data");
    StringBuilder body = new StringBuilder("<p>team ").append(escape(team)).append(" · ")
        .append(link(PAGE + "?team=" + ConsoleAdmin.encode(team) + "&type=" + ConsoleAdmin.encode(type), "all " + type)).append("</p>");
    body.append("<h2>Attributes</h2><table class=\"attributes\">").append(headerRow("Attribute", "Value"));
    for (Map.Entry<String, JsonNode> a : resource.path("attributes").properties()) {
      body.append(row(a.getKey(), a.getValue().isValueNode() ? a.getValue().asText() : a.getValue().toString()));
    }
    body.append("</table><h2>Relationships</h2><table class=\"relationships\">").append(headerRow("Relationship", "Related"));
    for (Map.Entry<String, JsonNode> rel : resource.path("relationships").properties()) {
      body.append("<tr><td>").append(escape(rel.getKey())).append("</td><td>");
      for (JsonNode target : rel.getValue().path("data")) {
        String targetType = target.path("type").asText();
        String targetId = target.path("id").asText();
        body.append(link(resourceUrl(team, targetType, targetId), targetType + " " + targetId)).append("<br>");
      }
      body.append("</td></tr>");
    }
    body.append("</table>");
    return Console.html(200, Html.page(type + " " + id, session.formToken(), body.toString()));
  }

  /** The team asked for, else the first: the same default as the admin API's. */
  private static String team(ApiRequest req, JsonNode teams) {
    String asked = ConsoleAdmin.query(req, "team");
    return asked.isEmpty() ? teams.path("data").path(0).path("issuerId").asText() : asked;
  }

  private static String teamPicker(JsonNode teams, String team, String type) {
    StringBuilder out = new StringBuilder("<form method=\"get\" action=\"").append(PAGE).append("\"><label>Team <select name=\"team\">");
    for (JsonNode t : teams.path("data")) {
      String issuerId = t.path("issuerId").asText();
      out.append("<option value=\"").append(escape(issuerId)).append(issuerId.equals(team) ? "\" selected>" : "\">")
          .append(escape(t.path("name").asText(""))).append(" (").append(escape(issuerId)).append(")</option>");
    }
    return out.append("</select></label> <input type=\"hidden\" name=\"type\" value=\"").append(escape(type))
        .append("\"> <button type=\"submit\">Show</button></form>").toString();
  }

  /** The first few scalar attributes, "name: value", to tell resources apart in a list. */
  private static String summary(JsonNode attributes) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (Map.Entry<String, JsonNode> a : attributes.properties()) {
      if (shown < LISTED_ATTRIBUTES && a.getValue().isValueNode() && !a.getValue().isNull()) {
        out.append(shown++ == 0 ? "" : " · ").append(a.getKey()).append(": ").append(a.getValue().asText());
      }
    }
    return out.toString();
  }

  private static String resourceUrl(String team, String type, String id) {
    return PAGE + "/" + ConsoleAdmin.encode(type) + "/" + ConsoleAdmin.encode(id) + "?team=" + ConsoleAdmin.encode(team);
  }

  private static String link(String href, String text) {
    return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
  }
}
