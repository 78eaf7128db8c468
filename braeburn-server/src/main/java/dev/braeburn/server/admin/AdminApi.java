package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.KeyIssuer;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Team;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Braeburn's control plane under {@code /_braeburn/} (the product contract in
 * shared/design/architecture.md): health without auth; everything else behind {@code
 * Authorization: Bearer <admin token>}. Errors use Apple's error document shape.
 */
public final class AdminApi {
  public static final String PREFIX = "/_braeburn/";
  static final Set<String> ROLES = Set.of(
      "ADMIN", "FINANCE", "ACCOUNT_HOLDER", "SALES", "MARKETING", "APP_MANAGER", "DEVELOPER", "ACCESS_TO_REPORTS",
      "CUSTOMER_SUPPORT", "CREATE_APPS", "CLOUD_MANAGED_DEVELOPER_ID", "CLOUD_MANAGED_APP_DISTRIBUTION", "GENERATE_INDIVIDUAL_KEYS");

  private final Accounts accounts;
  private final ObjectMapper mapper;
  private final ErrorWriter errors;
  private final byte[] adminToken;
  private final Supplier<ObjectNode> health;

  public AdminApi(Accounts accounts, ObjectMapper mapper, String adminToken, Supplier<ObjectNode> health) {
    this.accounts = accounts;
    this.mapper = mapper;
    this.errors = new ErrorWriter(mapper);
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.health = health;
  }

  public ApiResponse handle(ApiRequest req) {
    try {
      String path = req.path().substring(PREFIX.length());
      if (path.equals("health") && req.method().equals("GET")) {
        return json(200, health.get());
      }
      authorize(req);
      return switch (req.method() + " " + path) {
        case "POST teams" -> createTeam(req);
        case "POST keys" -> createKey(req);
        case "POST resources" -> loadResources(req);
        case "POST reset" -> reset(req);
        default -> {
          if (req.method().equals("DELETE") && path.startsWith("keys/")) {
            yield revokeKey(path.substring(5));
          }
          throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
        }
      };
    } catch (ApiException e) {
      return errors.render(e);
    }
  }

  private void authorize(ApiRequest req) {
    String header = req.header("authorization");
    byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, adminToken)) {
      throw new ApiException(ApiError.of(401, "NOT_AUTHORIZED", "Admin credentials are missing or invalid.",
          "Send 'Authorization: Bearer <admin token>'; the token is in BRAEBURN_ADMIN_TOKEN or <data>/admin-token").withoutId());
    }
  }

  private ApiResponse createTeam(ApiRequest req) {
    JsonNode body = body(req);
    Team team = accounts.createTeam(body.path("name").asText(null));
    ObjectNode out = mapper.createObjectNode();
    out.put("issuerId", team.issuerId());
    out.put("name", team.name());
    return json(201, out);
  }

  private ApiResponse createKey(ApiRequest req) {
    JsonNode body = body(req);
    String role = body.path("role").asText("ADMIN");
    String type = body.path("type").asText("TEAM");
    if (!ROLES.contains(role)) {
      throw invalid("/role", "'" + role + "' is not a role; expected one of " + ROLES);
    }
    if (!type.equals("TEAM") && !type.equals("INDIVIDUAL")) {
      throw invalid("/type", "'" + type + "' is not a key type; expected TEAM or INDIVIDUAL");
    }
    String issuerId = team(body.path("issuerId").asText(null));
    KeyIssuer.IssuedKey issued = accounts.keys().issue(issuerId, role, type, body.path("name").asText(null));
    ObjectNode out = mapper.createObjectNode();
    out.put("issuerId", issuerId);
    out.put("keyId", issued.key().keyId());
    out.put("role", role);
    out.put("type", type);
    out.put("privateKey", issued.privateKeyPem());
    return json(201, out);
  }

  private ApiResponse revokeKey(String keyId) {
    if (!accounts.store().revokeKey(keyId)) {
      throw new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", "There is no live key with id '" + keyId + "'"));
    }
    return ApiResponse.noContent(204);
  }

  private ApiResponse loadResources(ApiRequest req) {
    String issuerId = team(req.header("x-braeburn-issuer"));
    JsonNode body = body(req);
    List<Linkage> loaded = accounts.store().write(issuerId, tx -> accounts.loader().load(tx, body.get("data")));
    ObjectNode out = mapper.createObjectNode();
    ArrayNode data = out.putArray("data");
    loaded.forEach(l -> data.addObject().put("type", l.type()).put("id", l.id()));
    return json(201, out);
  }

  /** Removes every resource (of one team with X-Braeburn-Issuer, else of all); keys stay valid. */
  private ApiResponse reset(ApiRequest req) {
    String only = req.header("x-braeburn-issuer");
    List<Team> teams = only == null ? accounts.store().teams() : List.of(accounts.store().team(team(only)).orElseThrow());
    for (Team t : teams) {
      accounts.store().deleteResources(t.issuerId());
      accounts.loadReference(t.issuerId());
    }
    return ApiResponse.noContent(204);
  }

  private String team(String issuerId) {
    if (issuerId == null) {
      return accounts.store().teams().stream().findFirst().map(Team::issuerId)
          .orElseThrow(() -> invalid("/issuerId", "there is no team yet; POST /_braeburn/teams first"));
    }
    return accounts.store().team(issuerId).map(Team::issuerId)
        .orElseThrow(() -> new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", "There is no team with issuer ID '" + issuerId + "'")));
  }

  private JsonNode body(ApiRequest req) {
    if (!req.hasBody()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(req.body());
    } catch (java.io.IOException e) {
      throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "JSON processing failed"));
    }
  }

  private static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail).pointer(pointer));
  }

  private ApiResponse json(int status, JsonNode body) {
    try {
      return ApiResponse.json(status, mapper.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
