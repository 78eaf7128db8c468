package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;
import static dev.braeburn.server.admin.Html.headerRow;
import static dev.braeburn.server.admin.Html.row;
import static dev.braeburn.server.admin.Html.tokenField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's page bodies, rendered from the very JSON documents the admin API answers
 * ({@code GET /_braeburn/requests}, {@code clock}, {@code tasks}), so the console
 * shows nothing the API does not. Every value goes through {@link Html#escape}.
 */
final class ConsolePages {
  private ConsolePages() {}

  static String login(String message) {
    String error = message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>";
    return Html.page("Sign in", null, error
        + "<form method=\"post\" action=\"/_braeburn/console/login\"><label>Admin token (the file &lt;data&gt;/admin-token) "
        + "<input type=\"password\" name=\"token\" autocomplete=\"current-password\" autofocus></label> "
        + "<button type=\"submit\">Sign in</button></form>");
  }

  /** The journal, newest first; {@code status} and {@code pathPart} are the filters as typed (echoed, escaped). */
  static String requests(JsonNode journal, String status, String pathPart, String formToken) {
    StringBuilder body = new StringBuilder("<form method=\"get\" action=\"/_braeburn/console/requests\"><label>Status <input name=\"status\" size=\"4\" value=\"")
        .append(escape(status)).append("\"></label> <label>Path contains <input name=\"path\" value=\"").append(escape(pathPart))
        .append("\"></label> <button type=\"submit\">Filter</button></form>");
    body.append("<table class=\"requests\">").append(headerRow("Time", "Method", "Path", "Status", "Key", "Error code", "Diagnosis"));
    int shown = 0;
    for (JsonNode e : journal.path("data")) {
      String path = e.path("path").asText() + (e.path("query").isTextual() ? "?" + e.path("query").asText() : "");
      if (pathPart != null && !pathPart.isEmpty() && !path.contains(pathPart)) {
        continue;
      }
      body.append("<tr><td>").append(escape(e.path("time").asText())).append("</td><td>").append(escape(e.path("method").asText()))
          .append("</td><td>").append(escape(path)).append("</td><td>").append(e.path("status").asInt()).append("</td><td>")
          .append(escape(text(e, "keyId"))).append("</td><td>").append(escape(text(e, "errorCode")))
          .append("</td><td class=\"diagnosis\">").append(escape(text(e, "diagnosis"))).append("</td></tr>");
      shown++;
    }
    body.append("</table><p>").append(shown).append(" shown; the journal keeps the last ")
        .append(journal.path("meta").path("capacity").asInt()).append(" requests.</p>");
    return Html.page("Requests", formToken, body.toString());
  }

  /** How many scheduled tasks the Clock page lists (the soonest). */
  static final int TASKS_SHOWN = 50;

  static String clock(JsonNode clock, JsonNode tasks, String formToken) {
    boolean frozen = clock.path("frozen").asBoolean();
    StringBuilder body = new StringBuilder("<table class=\"clock\">")
        .append(row("Now", clock.path("now").asText()))
        .append(row("Frozen", frozen ? "yes" : "no"))
        .append(row("Wall clock", clock.path("wallClock").asText()))
        .append(row("Offset (seconds)", clock.path("offsetSeconds").asLong()))
        .append("</table>");
    body.append(action(frozen ? "resume" : "freeze", frozen ? "Resume" : "Freeze", null, formToken))
        .append(action("advance", "Advance 1 hour", "hours", formToken))
        .append(action("advance", "Advance 1 day", "days", formToken));
    body.append("<h2>What is scheduled</h2><p>Work the clock runs when it reaches the time: state changes, webhook deliveries, "
        + "report days. The soonest ").append(TASKS_SHOWN).append(", from GET /_braeburn/tasks.</p><table class=\"tasks\">")
        .append(headerRow("Due", "What", "Team", "Attempt", "Details"));
    for (JsonNode task : tasks.path("data")) {
      body.append(row(task.path("dueAt").asText(), task.path("kind").asText(), task.path("issuerId").asText(), task.path("attempt").asInt(),
          task.path("payload").toString()));
    }
    if (tasks.path("data").isEmpty()) {
      body.append("<tr><td colspan=\"5\">Nothing is scheduled.</td></tr>");
    }
    body.append("</table>");
    return Html.page("Clock", formToken, body.toString());
  }

  private static String action(String action, String label, String unit, String formToken) {
    return "<form class=\"inline\" method=\"post\" action=\"/_braeburn/console/clock/" + action + "\">" + tokenField(formToken)
        + (unit == null ? "" : "<input type=\"hidden\" name=\"" + unit + "\" value=\"1\">")
        + "<button type=\"submit\">" + escape(label) + "</button></form>";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? "" : value.asText();
  }
}
