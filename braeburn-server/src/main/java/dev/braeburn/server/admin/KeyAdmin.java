package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.KeyIssuer;
import dev.braeburn.server.auth.Roles;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Team;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /_braeburn/keys}: create (the private key is in the answer, once, as App Store Connect
 * offers the .p8 download once), list, change the hourly limit, revoke. A team key has one role
 * from the access levels Apple offers; an individual key has the roles of its user.
 */
final class KeyAdmin {
  /**
   * A team key's possible roles. Braeburn extension: a team key with ACCOUNT_HOLDER stands for a key
   * the Account Holder generated, the only caller Apple lets create Developer ID certificates
   * (provisioning.md §3.5; docs/auth.md).
   */
  private static final java.util.SortedSet<String> TEAM_ROLES = teamRoles();

  private static java.util.SortedSet<String> teamRoles() {
    java.util.SortedSet<String> roles = new java.util.TreeSet<>(Roles.TEAM_KEY_ROLES);
    roles.add("ACCOUNT_HOLDER");
    return java.util.Collections.unmodifiableSortedSet(roles);
  }

  private final Accounts accounts;
  private final AdminJson json;
  private final TeamAdmin teams;

  KeyAdmin(Accounts accounts, AdminJson json, TeamAdmin teams) {
    this.accounts = accounts;
    this.json = json;
    this.teams = teams;
  }

  ApiResponse create(ApiRequest req) {
    JsonNode body = json.body(req);
    String type = body.path("type").asText(ApiKey.TEAM);
    if (!ApiKey.TYPES.contains(type)) {
      throw AdminJson.invalid("/type", "'" + type + "' is not a key type; expected one of " + ApiKey.TYPES);
    }
    boolean roleless = ApiKey.roleless(type);
    if (roleless && (body.hasNonNull("role") || body.path("roles").size() > 0)) {
      throw AdminJson.invalid("/role", "an " + type + " key has no role: it reaches " + (type.equals(ApiKey.IN_APP_PURCHASE)
          ? "the App Store Server API" : "Sign in with Apple's REST endpoints") + " for every app of its team");
    }
    List<String> roles = roleless ? List.of() : roles(body, type);
    String issuerId = teams.resolve(body.path("issuerId").asText(null));
    KeyIssuer.IssuedKey issued = accounts.keys().issue(issuerId, roles, type, body.path("name").asText(null), hourlyLimit(body));
    ObjectNode out = describe(issued.key());
    out.put("privateKey", issued.privateKeyPem());
    out.put("fileName", issued.key().fileName()); // Apple's download name (server-api.md §2.1, §5)
    return json.json(201, out);
  }

  ApiResponse list(ApiRequest req) {
    String only = AdminApi.queryParameter(req, "issuerId");
    List<String> issuers = only == null ? accounts.store().teams().stream().map(Team::issuerId).toList() : List.of(teams.resolve(only));
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    for (String issuerId : issuers) {
      accounts.store().keys(issuerId).forEach(k -> data.add(describe(k)));
    }
    // what a new key may be (the console's form offers exactly these)
    ObjectNode meta = out.putObject("meta");
    ApiKey.TYPES.forEach(meta.putArray("types")::add);
    Roles.ALL.forEach(meta.putArray("roles")::add);
    Roles.ALL.stream().filter(TEAM_ROLES::contains).forEach(meta.putArray("teamKeyRoles")::add);
    return json.json(200, out);
  }

  ApiResponse update(ApiRequest req, String keyId) {
    JsonNode body = json.body(req);
    if (!body.has("hourlyLimit")) {
      throw AdminJson.invalid("/hourlyLimit", "nothing to change; send {\"hourlyLimit\": N} (0: unlimited, null: the server's)");
    }
    if (!accounts.setHourlyLimit(keyId, hourlyLimit(body))) {
      throw AdminJson.notFound("There is no key with id '" + keyId + "'");
    }
    return json.json(200, describe(accounts.store().key(keyId).orElseThrow()));
  }

  ApiResponse revoke(String keyId) {
    if (!accounts.revokeKey(keyId)) {
      throw AdminJson.notFound("There is no live key with id '" + keyId + "'");
    }
    return ApiResponse.noContent(204);
  }

  private static List<String> roles(JsonNode body, String type) {
    List<String> roles = new ArrayList<>();
    if (body.path("roles").isArray()) {
      body.get("roles").forEach(r -> roles.add(r.asText()));
    } else {
      roles.add(body.path("role").asText("ADMIN"));
    }
    for (String role : roles) {
      if (!Roles.ALL.contains(role)) {
        throw AdminJson.invalid("/role", "'" + role + "' is not a role; expected one of " + Roles.ALL);
      }
    }
    if (type.equals(ApiKey.TEAM) && (roles.size() != 1 || !TEAM_ROLES.contains(roles.getFirst()))) {
      throw AdminJson.invalid("/role", "a team key has exactly one role of " + TEAM_ROLES
          + "; got " + roles);
    }
    if (roles.isEmpty()) {
      throw AdminJson.invalid("/roles", "an individual key needs the roles of its user");
    }
    return roles;
  }

  private static Integer hourlyLimit(JsonNode body) {
    JsonNode limit = body.get("hourlyLimit");
    if (limit == null || limit.isNull()) {
      return null;
    }
    if (!limit.canConvertToInt() || !limit.isIntegralNumber() || limit.intValue() < 0) {
      throw AdminJson.invalid("/hourlyLimit", "hourlyLimit must be 0 (unlimited), a positive integer, or null (the server's)");
    }
    return limit.intValue();
  }

  private ObjectNode describe(ApiKey key) {
    ObjectNode out = json.mapper().createObjectNode();
    out.put("issuerId", key.issuerId());
    out.put("keyId", key.keyId());
    out.put("name", key.name());
    out.put("type", key.keyType());
    if (key.roles().isEmpty()) {
      out.putNull("role");
    } else {
      out.put("role", key.roles().getFirst());
    }
    key.roles().forEach(out.putArray("roles")::add);
    out.put("createdAt", key.createdAt().toString());
    out.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
    if (key.hourlyLimit() == null) {
      out.putNull("hourlyLimit");
    } else {
      out.put("hourlyLimit", key.hourlyLimit());
    }
    return out;
  }
}
