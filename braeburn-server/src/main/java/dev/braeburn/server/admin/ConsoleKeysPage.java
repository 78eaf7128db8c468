package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;
import static dev.braeburn.server.admin.Html.headerRow;
import static dev.braeburn.server.admin.Html.row;
import static dev.braeburn.server.admin.Html.tokenField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Teams and keys page, the page after a key was created ("Download the key") and the revoke
 * confirmation, from {@code GET /_braeburn/teams} and {@code GET /_braeburn/keys} (whose {@code
 * meta} names the key types and roles the create form offers). Every value through {@link Html#escape}.
 */
final class ConsoleKeysPage {
  private static final String ACTION = "/_braeburn/console/";

  private ConsoleKeysPage() {}

  static String teams(JsonNode teams, JsonNode keys, String formToken) {
    StringBuilder body = new StringBuilder();
    for (JsonNode team : teams.path("data")) {
      String issuerId = team.path("issuerId").asText();
      body.append("<h2>").append(escape(team.path("name").asText(""))).append(" <small>issuer ")
          .append(escape(issuerId)).append("</small></h2><p>team ID ").append(escape(team.path("teamId").asText("")))
          .append(" · program membership ").append(escape(team.path("programMembership").asText("")))
          .append(" · agreements missing ").append(team.path("agreementsMissing").asBoolean())
          .append(" · <a href=\"").append(ACTION).append("resources?team=").append(escape(ConsoleAdmin.encode(issuerId)))
          .append("\">resources</a></p>");
      body.append("<table class=\"keys\">").append(headerRow("Key ID", "Name", "Type", "Roles", "Revoked", ""));
      for (JsonNode key : keys.path("data")) {
        if (issuerId.equals(key.path("issuerId").asText())) {
          String keyId = key.path("keyId").asText();
          boolean live = key.path("revokedAt").isNull();
          String revoke = live ? "<a class=\"revoke\" href=\"" + ACTION + "keys/revoke?keyId=" + escape(ConsoleAdmin.encode(keyId))
              + "\">Revoke…</a>" : "";
          String cells = row(keyId, text(key, "name"), key.path("type").asText(), String.join(", ", ConsoleKeys.roles(key.path("roles"))),
              live ? "no" : "yes, " + key.path("revokedAt").asText());
          // the row's cells are escaped values; the revoke link is a last cell of markup
          body.append(cells, 0, cells.length() - "</tr>".length()).append("<td>").append(revoke).append("</td></tr>");
        }
      }
      body.append("</table>");
    }
    body.append(createKeyForm(teams, keys.path("meta"), formToken)).append(createTeamForm(formToken));
    return Html.page("Teams and keys", formToken, body.toString());
  }

  /** Team, name, type, and roles as checkboxes (a team key takes one, an individual key several). */
  private static String createKeyForm(JsonNode teams, JsonNode meta, String formToken) {
    StringBuilder form = new StringBuilder("<h2>Create a key</h2><form class=\"create-key\" method=\"post\" action=\"")
        .append(ACTION).append("keys/create\">").append(tokenField(formToken)).append("<p><label>Team <select name=\"issuerId\">");
    for (JsonNode team : teams.path("data")) {
      form.append("<option value=\"").append(escape(team.path("issuerId").asText())).append("\">")
          .append(escape(team.path("name").asText(""))).append(" (").append(escape(team.path("issuerId").asText())).append(")</option>");
    }
    form.append("</select></label> <label>Name <input name=\"name\" maxlength=\"100\"></label> <label>Type <select name=\"type\">");
    for (JsonNode type : meta.path("types")) {
      form.append("<option>").append(escape(type.asText())).append("</option>");
    }
    form.append("</select></label></p><fieldset><legend>Roles (a team key: exactly one of ")
        .append(escape(String.join(", ", ConsoleKeys.roles(meta.path("teamKeyRoles")))))
        .append("; an individual key: its user's roles; In-App Purchase and Sign in with Apple keys: none)</legend>");
    for (JsonNode role : meta.path("roles")) {
      String name = escape(role.asText());
      form.append("<label class=\"role\"><input type=\"checkbox\" name=\"roles\" value=\"").append(name).append("\"> ")
          .append(name).append("</label> ");
    }
    return form.append("</fieldset><p><button type=\"submit\">Create key</button></p></form>").toString();
  }

  private static String createTeamForm(String formToken) {
    return "<h2>Create a team</h2><form class=\"create-team\" method=\"post\" action=\"" + ACTION + "teams/create\">" + tokenField(formToken)
        + "<label>Name <input name=\"name\" maxlength=\"100\"></label> <button type=\"submit\">Create team</button></form>";
  }

  /** After creating: the key's facts and the one download (the private key itself is never in the page). */
  static String created(ConsoleKeys.KeyDownload key, String formToken) {
    if (key == null) {
      return Html.page("Download the key", formToken, "<p>There is no key waiting to be downloaded: a private key downloads once, "
          + "right after it was created. <a href=\"" + ACTION + "teams\">Teams and keys</a></p>");
    }
    String body = "<table class=\"created-key\">" + row("Key ID", key.keyId()) + row("Issuer ID", key.issuerId()) + row("Type", key.type())
        + row("File", key.fileName()) + "</table>"
        + "<p><strong>Download the private key now: it downloads once.</strong> Braeburn keeps only the public half, "
        + "as App Store Connect does; a lost key is revoked and replaced.</p>"
        + "<form method=\"post\" action=\"" + ACTION + "keys/download\">" + tokenField(formToken)
        + "<button type=\"submit\" class=\"download\">Download " + escape(key.fileName()) + "</button></form>"
        + "<p><a href=\"" + ACTION + "teams\">Back to Teams and keys</a></p>";
    return Html.page("Download the key", formToken, body);
  }

  static String confirmRevoke(JsonNode key, String formToken) {
    String keyId = key.path("keyId").asText();
    String body = "<table class=\"revoke-key\">" + row("Key ID", keyId) + row("Name", text(key, "name")) + row("Issuer ID", key.path("issuerId").asText())
        + row("Type", key.path("type").asText()) + "</table>"
        + "<p>A revoked key's tokens are refused at once (401), also tokens it signed before. This cannot be undone.</p>"
        + "<form class=\"inline\" method=\"post\" action=\"" + ACTION + "keys/revoke\">" + tokenField(formToken)
        + "<input type=\"hidden\" name=\"keyId\" value=\"" + escape(keyId) + "\"><button type=\"submit\">Revoke key " + escape(keyId)
        + "</button></form> <a href=\"" + ACTION + "teams\">Cancel</a>";
    return Html.page("Revoke a key", formToken, body);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? "" : value.asText();
  }
}
