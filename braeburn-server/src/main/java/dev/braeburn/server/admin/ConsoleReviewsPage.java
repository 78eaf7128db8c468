package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;
import static dev.braeburn.server.admin.Html.headerRow;
import static dev.braeburn.server.admin.Html.tokenField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's reviews page ({@code /_braeburn/console/reviews}): per team, everything waiting for
 * a decision — TestFlight submissions ({@code GET /_braeburn/betaReviews/pending}), App Store review
 * submissions ({@code GET /_braeburn/appReviews/pending}) and products reviewed on their own ({@code
 * GET /_braeburn/productReviews/pending}) — with the auto-approval settings and Approve / Reject
 * buttons that post the admin API's decisions.
 */
final class ConsoleReviewsPage {
  static final String PATH = "/_braeburn/console/reviews";
  /** Form {@code kind} → the admin route deciding it. */
  private static final Map<String, String> ROUTES = Map.of("beta", "betaReviews/", "app", "appReviews/",
      "inAppPurchases", "productReviews/inAppPurchases/", "subscriptions", "productReviews/subscriptions/");

  private final ConsoleAdmin calls;

  ConsoleReviewsPage(ConsoleAdmin calls) {
    this.calls = calls;
  }

  String show(String formToken) {
    StringBuilder body = new StringBuilder();
    for (JsonNode team : calls.teams()) {
      String issuerId = team.path("issuerId").asText();
      body.append("<section class=\"team\"><h2>").append(escape(team.path("name").asText(issuerId))).append(" <small>issuer ")
          .append(escape(issuerId)).append("</small></h2>");
      body.append(beta(issuerId, formToken)).append(appStore(issuerId, formToken)).append(products(issuerId, formToken)).append("</section>");
    }
    return Html.page("Reviews", formToken, body.toString());
  }

  /** The decide form's fields → the admin call ({@code decision}, with {@code reason} for an App Store rejection). */
  String decide(Map<String, String> form) {
    String route = ROUTES.get(form.getOrDefault("kind", ""));
    String id = form.getOrDefault("id", "");
    String decision = form.getOrDefault("decision", "");
    if (route == null || !id.matches("[A-Za-z0-9._-]{1,100}")) {
      throw AdminJson.invalid("/kind", "kind must be beta, app, inAppPurchases or subscriptions, with the id of what it decides");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("decision", decision);
    String reason = form.getOrDefault("reason", "").trim();
    if (route.equals("appReviews/") && !reason.isEmpty()) {
      body.put("reason", reason);
    }
    calls.post(route + id, body.toString(), form.getOrDefault("team", ""));
    return PATH;
  }

  private String beta(String issuerId, String formToken) {
    JsonNode settings = calls.get("betaReviews", null, issuerId);
    StringBuilder out = new StringBuilder("<h3>TestFlight (Beta App Review)</h3>").append(settings(settings));
    JsonNode pending = calls.get("betaReviews/pending", null, issuerId).path("data");
    if (pending.isEmpty()) {
      return out.append("<p class=\"none\">No TestFlight submission is waiting.</p>").toString();
    }
    out.append("<table class=\"beta\">").append(headerRow("App", "Build", "State", "Submitted", "Review starts", "Auto-approval decides", ""));
    for (JsonNode s : pending) {
      out.append(row(s.path("id").asText(), cells(app(s), s.path("buildVersion").asText(""), s.path("betaReviewState").asText(),
          s.path("submittedDate").asText(""), s.path("reviewStartsAt").asText(""), auto(s, settings))))
          .append(buttons(issuerId, "beta", s.path("id").asText(), false, formToken)).append("</td></tr>");
    }
    return out.append("</table>").toString();
  }

  private String appStore(String issuerId, String formToken) {
    JsonNode settings = calls.get("appReviews", null, issuerId);
    StringBuilder out = new StringBuilder("<h3>App Store (App Review)</h3>").append(settings(settings));
    JsonNode pending = calls.get("appReviews/pending", null, issuerId).path("data");
    if (pending.isEmpty()) {
      return out.append("<p class=\"none\">No App Store submission is waiting.</p>").toString();
    }
    out.append("<table class=\"app\">").append(headerRow("App", "Platform", "Items", "State", "Submitted", "Review starts", "Auto-approval decides", ""));
    for (JsonNode s : pending) {
      out.append(row(s.path("id").asText(), cells(app(s), s.path("platform").asText(""), items(s.path("items")),
          s.path("state").asText(), s.path("submittedDate").asText(""), s.path("reviewStartsAt").asText(""), auto(s, settings))))
          .append(buttons(issuerId, "app", s.path("id").asText(), true, formToken)).append("</td></tr>");
    }
    return out.append("</table>").toString();
  }

  private String products(String issuerId, String formToken) {
    JsonNode settings = calls.get("appReviews", null, issuerId);
    JsonNode pending = calls.get("productReviews/pending", null, issuerId).path("data");
    StringBuilder out = new StringBuilder("<h3>In-app purchases and subscriptions (reviewed on their own; App Review's setting)</h3>");
    if (pending.isEmpty()) {
      return out.append("<p class=\"none\">No product is waiting for a review of its own.</p>").toString();
    }
    out.append("<table class=\"products\">").append(headerRow("Type", "Name", "Product ID", "State", "Auto-approval decides", ""));
    for (JsonNode p : pending) {
      out.append(row(p.path("id").asText(), cells(p.path("type").asText(), p.path("name").asText(""), p.path("productId").asText(""),
          p.path("state").asText(), auto(p, settings)))).append(buttons(issuerId, p.path("type").asText(), p.path("id").asText(), false, formToken)).append("</td></tr>");
    }
    return out.append("</table>").toString();
  }

  private static String settings(JsonNode s) {
    return "<p class=\"settings\">Auto-approval " + (s.path("autoApprove").asBoolean() ? "on: " + s.path("autoApproveAfterHours").asLong()
        + " h after submission" : "off: only a decision here (or the admin API) ends a review") + "; review starts "
        + s.path("reviewStartsAfterHours").asLong() + " h after submission.</p>";
  }

  private static String app(JsonNode s) {
    return s.path("appName").asText("") + (s.path("appId").isTextual() ? " (" + s.path("appId").asText() + ")" : "");
  }

  /** When the auto-approval task is due; its run decides nothing while the team has auto-approval off. */
  private static String auto(JsonNode s, JsonNode settings) {
    return settings.path("autoApprove").asBoolean() && s.path("autoApproveAt").isTextual() ? s.path("autoApproveAt").asText() : "never (auto-approval off)";
  }

  private static String items(JsonNode items) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : items) {
      JsonNode item = i.path("item");
      out.add(item.path("type").asText() + " " + (item.path("versionString").isTextual() ? item.path("versionString").asText() : item.path("id").asText()));
    }
    return String.join(", ", out);
  }

  private static List<String> cells(String... values) {
    return List.of(values);
  }

  /** A row of escaped cells, opening the last cell (the buttons) for the caller. */
  private static String row(String id, List<String> cells) {
    StringBuilder out = new StringBuilder("<tr class=\"pending\" id=\"review-").append(escape(id)).append("\">");
    cells.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
    return out.append("<td>").toString();
  }

  private static String buttons(String issuerId, String kind, String id, boolean reason, String formToken) {
    String hidden = tokenField(formToken) + hidden("team", issuerId) + hidden("kind", kind) + hidden("id", id);
    return "<form class=\"inline\" method=\"post\" action=\"" + PATH + "/decide\">" + hidden + hidden("decision", "APPROVED")
        + "<button type=\"submit\" name=\"approve\">Approve</button></form>"
        + "<form class=\"inline\" method=\"post\" action=\"" + PATH + "/decide\">" + hidden + hidden("decision", "REJECTED")
        + (reason ? "<input name=\"reason\" placeholder=\"reason\" size=\"16\"> " : "")
        + "<button type=\"submit\" name=\"reject\">Reject</button></form>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }
}
