package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Team;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's routes, {@code /_braeburn/storekit/signin/…} (team from {@code X-Braeburn-Issuer}):
 * {@code POST users {"clientId","email"?,"privateEmail"?}} → {@code {sub, email, is_private_email}},
 * a user signing in to one of the team's apps; {@code POST transfers {"clientId","toIssuerId"}}, an app
 * transfer to another team, which starts the 60-day transfer period on the virtual clock (TN3159).
 * The app itself stays where it is in App Store Connect (docs/server-api.md).
 */
final class SignInAdmin {
  static final Duration TRANSFER_PERIOD = Duration.ofDays(60);
  private static final String PREFIX = "/_braeburn/storekit/signin/";

  private final EngineServices services;
  private final AdminJson json;
  private final SignInUsers users;

  SignInAdmin(EngineServices services, AdminJson json, SignInUsers users) {
    this.services = services;
    this.json = json;
    this.users = users;
  }

  ApiResponse handle(ApiRequest req) {
    String rest = req.path().startsWith(PREFIX) ? req.path().substring(PREFIX.length()) : "";
    if (!req.method().equals("POST") || !(rest.equals("users") || rest.equals("transfers"))) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String team = AdminJson.team(services.store(), req);
    JsonNode body = json.requiredObject(req, "send a JSON object");
    String clientId = body.path("clientId").asText("");
    if (clientId.isEmpty()) {
      throw AdminJson.invalid("/clientId", "clientId is the bundle ID of one of the team's apps");
    }
    return rest.equals("users") ? user(team, clientId, body) : transfer(team, clientId, body.path("toIssuerId").asText(""));
  }

  private ApiResponse user(String team, String clientId, JsonNode body) {
    String email = body.hasNonNull("email") ? body.get("email").asText() : null;
    boolean privateEmail = body.path("privateEmail").asBoolean(email == null);
    return json.json(201, services.store().write(team, tx -> {
      owned(tx, clientId, team);
      return users.describe(users.create(tx, clientId, email, privateEmail)).put("clientId", clientId);
    }));
  }

  private ApiResponse transfer(String team, String clientId, String toIssuerId) {
    Team from = services.store().team(team).orElseThrow();
    Team to = services.store().team(toIssuerId).filter(t -> !t.issuerId().equals(team)).orElseThrow(() -> AdminJson.invalid(
        "/toIssuerId", "toIssuerId must be the issuer ID of another team of this server; got '" + toIssuerId + "'"));
    services.store().read(team, tx -> {
      owned(tx, clientId, team);
      return null;
    });
    Instant now = services.clock().instant();
    ObjectNode row = json.mapper().createObjectNode().put("clientId", clientId).put("fromIssuerId", from.issuerId())
        .put("fromTeamId", from.teamId()).put("transferredDate", now.toEpochMilli())
        .put("transferWindowEndsDate", now.plus(TRANSFER_PERIOD).toEpochMilli());
    services.store().write(to.issuerId(), tx -> {
      tx.find(SignInApps.TRANSFERS, clientId).ifPresentOrElse(r -> tx.updateAttributes(r, row), () -> tx.insert(SignInApps.TRANSFERS, clientId, row));
      return null;
    });
    return json.json(201, row.deepCopy().put("toIssuerId", to.issuerId()).put("toTeamId", to.teamId()));
  }

  private static void owned(dev.braeburn.server.store.StoreTx tx, String clientId, String team) {
    if (!SignInApps.owns(tx, clientId)) {
      throw AdminJson.invalid("/clientId", "'" + clientId + "' is not the bundle ID of an app of team " + team + " nor of one transferred to it");
    }
  }
}
