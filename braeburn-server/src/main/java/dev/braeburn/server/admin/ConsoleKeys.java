package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import java.util.List;

/**
 * The console's Teams and keys actions (docs/console.md): create a team, create a key and download
 * its private key once, revoke a key after a confirmation page. Each calls the admin route that
 * does it ({@code POST /_braeburn/teams}, {@code POST /_braeburn/keys}, {@code DELETE
 * /_braeburn/keys/{id}}); the pages are {@link ConsoleKeysPage}'s.
 */
final class ConsoleKeys {
  /** A created key's private half, held in its session until the one download. */
  record KeyDownload(String issuerId, String keyId, String type, String fileName, String privateKey) {
    @Override
    public String toString() { // never the private key, should a session ever be logged
      return "KeyDownload[" + keyId + ", " + fileName + "]";
    }
  }

  private final ConsoleAdmin admin;

  ConsoleKeys(ConsoleAdmin admin) {
    this.admin = admin;
  }

  String teamsPage(ConsoleSessions.Session session) {
    return ConsoleKeysPage.teams(admin.get("teams", null, null), admin.get("keys", null, null), session.formToken());
  }

  ApiResponse createTeam(ApiRequest req) {
    ObjectNode body = admin.mapper().createObjectNode();
    String name = ConsoleAdmin.formValue(req, "name");
    if (!name.isEmpty()) {
      body.put("name", name);
    }
    admin.call("POST", "teams", null, body.toString(), null);
    return Console.redirect(Console.ROOT + "/teams");
  }

  /** Creates the key and keeps its private half in the session for the download page. */
  ApiResponse create(ApiRequest req, ConsoleSessions.Session session) {
    String type = ConsoleAdmin.formValue(req, "type");
    ObjectNode body = admin.mapper().createObjectNode().put("type", type).put("issuerId", ConsoleAdmin.formValue(req, "issuerId"));
    String name = ConsoleAdmin.formValue(req, "name");
    if (!name.isEmpty()) {
      body.put("name", name);
    }
    // In-App Purchase and Sign in with Apple keys have no roles: boxes ticked for them mean nothing
    if (type.equals("TEAM") || type.equals("INDIVIDUAL")) {
      ConsoleAdmin.formValues(req, "roles").forEach(body.putArray("roles")::add);
    }
    JsonNode key = admin.call("POST", "keys", null, body.toString(), null);
    session.keyDownload().set(new KeyDownload(key.path("issuerId").asText(), key.path("keyId").asText(), key.path("type").asText(),
        key.path("fileName").asText(), key.path("privateKey").asText()));
    return Console.redirect(Console.ROOT + "/keys/created");
  }

  String createdPage(ConsoleSessions.Session session) {
    return ConsoleKeysPage.created(session.keyDownload().get(), session.formToken());
  }

  /** The .p8 once: taking it out of the session is what makes a second download impossible. */
  ApiResponse download(ConsoleSessions.Session session) {
    KeyDownload key = session.keyDownload().getAndSet(null);
    if (key == null) {
      return Console.html(410, Html.page("Already downloaded", session.formToken(),
          "<p class=\"error\">There is no key to download: a private key downloads once, right after it was created "
              + "(as in App Store Connect). Create a new key, or revoke a lost one.</p>"));
    }
    return ApiResponse.text(200, "application/octet-stream", key.privateKey())
        .withHeader("Content-Disposition", "attachment; filename=\"" + key.fileName() + "\"")
        .withHeader("Cache-Control", "no-store").withHeader("X-Content-Type-Options", "nosniff");
  }

  String confirmRevokePage(ApiRequest req, ConsoleSessions.Session session) {
    String keyId = ConsoleAdmin.query(req, "keyId");
    JsonNode key = null;
    for (JsonNode k : admin.get("keys", null, null).path("data")) {
      if (k.path("keyId").asText().equals(keyId)) {
        key = k;
      }
    }
    if (key == null) {
      throw AdminJson.notFound("There is no key with id '" + keyId + "'");
    }
    return ConsoleKeysPage.confirmRevoke(key, session.formToken());
  }

  ApiResponse revoke(ApiRequest req) {
    String keyId = ConsoleAdmin.formValue(req, "keyId");
    if (!keyId.matches("[A-Za-z0-9]{1,64}")) {
      throw AdminJson.notFound("There is no key with id '" + keyId + "'");
    }
    admin.call("DELETE", "keys/" + keyId, null, null, null);
    return Console.redirect(Console.ROOT + "/teams");
  }

  static List<String> roles(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
