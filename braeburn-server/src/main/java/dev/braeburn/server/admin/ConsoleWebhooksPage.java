package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;
import static dev.braeburn.server.admin.Html.headerRow;
import static dev.braeburn.server.admin.Html.tokenField;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The console's webhooks page ({@code /_braeburn/console/webhooks?team=}): one team's webhooks and
 * their deliveries newest first, from {@code GET /_braeburn/webhooks/deliveries}; a Redeliver button
 * per delivery posts {@code POST /_braeburn/webhooks/deliveries/{id}/redeliver} (Apple's redelivery).
 */
final class ConsoleWebhooksPage {
  static final String PATH = "/_braeburn/console/webhooks";

  private final ConsoleAdmin calls;

  ConsoleWebhooksPage(ConsoleAdmin calls) {
    this.calls = calls;
  }

  /** The page for {@code team} (an issuer ID; null or unknown: the first team). */
  String show(String team, String formToken) {
    List<JsonNode> teams = calls.teams();
    String issuerId = chosen(teams, team);
    StringBuilder body = new StringBuilder("<p class=\"teams\">Team: ");
    for (JsonNode t : teams) {
      String id = t.path("issuerId").asText();
      String label = escape(t.path("name").asText(id));
      body.append(id.equals(issuerId) ? "<strong>" + label + "</strong>" : "<a href=\"" + PATH + "?team=" + query(id) + "\">" + label + "</a>").append(' ');
    }
    body.append("</p>");
    if (issuerId == null) {
      return Html.page("Webhooks", formToken, body.append("<p>There are no teams.</p>").toString());
    }
    JsonNode webhooks = calls.get("webhooks/deliveries", null, issuerId).path("data");
    if (webhooks.isEmpty()) {
      body.append("<p>This team has no webhooks (POST /v1/webhooks creates one).</p>");
    }
    for (JsonNode webhook : webhooks) {
      body.append(webhook(webhook, issuerId, formToken));
    }
    return Html.page("Webhooks", formToken, body.toString());
  }

  /** The redeliver form's fields → the admin call; answers where to go back to. */
  String redeliver(Map<String, String> form) {
    String team = form.getOrDefault("team", "");
    String delivery = form.getOrDefault("delivery", "");
    if (!delivery.matches("[A-Za-z0-9-]{1,100}")) {
      throw AdminJson.invalid("/delivery", "delivery must be a delivery id");
    }
    calls.post("webhooks/deliveries/" + delivery + "/redeliver", "{}", team);
    return PATH + "?team=" + query(team);
  }

  private static String webhook(JsonNode webhook, String issuerId, String formToken) {
    List<String> types = new java.util.ArrayList<>();
    webhook.path("eventTypes").forEach(t -> types.add(t.asText()));
    StringBuilder out = new StringBuilder("<section class=\"webhook\" id=\"webhook-").append(escape(webhook.path("id").asText())).append("\"><h2>")
        .append(escape(webhook.path("name").asText(""))).append(" <small>app ").append(escape(webhook.path("appId").asText(""))).append("</small></h2><p>")
        .append(escape(webhook.path("url").asText(""))).append(" · ").append(webhook.path("enabled").asBoolean() ? "enabled" : "disabled")
        .append(" · ").append(escape(String.join(", ", types))).append("</p>");
    JsonNode deliveries = webhook.path("deliveries");
    if (deliveries.isEmpty()) {
      return out.append("<p>No deliveries yet.</p></section>").toString();
    }
    out.append("<table class=\"deliveries\">").append(headerRow("Created", "Event type", "State", "HTTP status", "Response", "Payload", ""));
    for (JsonNode d : deliveries) {
      JsonNode response = d.path("response");
      String answer = response.isObject() ? response.path("body").asText("") : d.path("errorMessage").asText("");
      out.append("<tr class=\"delivery\" id=\"delivery-").append(escape(d.path("id").asText())).append("\"><td>").append(escape(d.path("createdDate").asText("")))
          .append("</td><td>").append(escape(d.path("eventType").asText(""))).append(d.path("redelivery").asBoolean() ? " (redelivery)" : "")
          .append("</td><td class=\"state\">").append(escape(d.path("deliveryState").asText(""))).append("</td><td>")
          .append(response.isObject() ? escape(response.path("httpStatusCode").asText()) : "").append("</td><td>").append(escape(answer))
          .append("</td><td><details><summary>JSON</summary><pre style=\"white-space:pre-wrap;word-break:break-all;max-width:48em\">").append(escape(d.path("payload").asText(""))).append("</pre></details></td><td>")
          .append("<form class=\"inline\" method=\"post\" action=\"").append(PATH).append("/redeliver\">").append(tokenField(formToken))
          .append("<input type=\"hidden\" name=\"team\" value=\"").append(escape(issuerId)).append("\">")
          .append("<input type=\"hidden\" name=\"delivery\" value=\"").append(escape(d.path("id").asText())).append("\">")
          .append("<button type=\"submit\">Redeliver</button></form></td></tr>");
    }
    return out.append("</table></section>").toString();
  }

  private static String chosen(List<JsonNode> teams, String team) {
    for (JsonNode t : teams) {
      if (t.path("issuerId").asText().equals(team)) {
        return team;
      }
    }
    return teams.isEmpty() ? null : teams.getFirst().path("issuerId").asText();
  }

  static String query(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
