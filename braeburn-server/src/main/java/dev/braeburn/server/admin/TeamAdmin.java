package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.reports.sales.VendorNumbers;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Team;

/**
 * {@code /_braeburn/teams}: create a team (its issuer ID), list them, and switch a team's
 * "required agreements missing or expired" state — Apple's account-wide 403. A team's JSON also
 * shows its vendor number, which sales and finance report downloads ask for.
 */
final class TeamAdmin {
  private final Accounts accounts;
  private final AdminJson json;

  TeamAdmin(Accounts accounts, AdminJson json) {
    this.accounts = accounts;
    this.json = json;
  }

  ApiResponse create(ApiRequest req) {
    Team team = accounts.createTeam(json.body(req).path("name").asText(null));
    return json.json(201, describe(team));
  }

  ApiResponse list() {
    ObjectNode out = json.mapper().createObjectNode();
    var data = out.putArray("data");
    accounts.store().teams().forEach(t -> data.add(describe(t)));
    return json.json(200, out);
  }

  ApiResponse update(ApiRequest req, String issuerId) {
    JsonNode body = json.body(req);
    JsonNode missing = body.get("agreementsMissing");
    JsonNode membership = body.get("programMembership");
    if (missing == null && membership == null) {
      throw AdminJson.invalid("/agreementsMissing", "send {\"agreementsMissing\": true|false} and/or {\"programMembership\": \"ACTIVE\"|\"EXPIRED\"|\"NONE\"}");
    }
    if (missing != null && !missing.isBoolean()) {
      throw AdminJson.invalid("/agreementsMissing", "send {\"agreementsMissing\": true|false}");
    }
    if (membership != null && (!membership.isTextual() || !Team.MEMBERSHIPS.contains(membership.asText()))) {
      throw AdminJson.invalid("/programMembership", "programMembership must be one of " + Team.MEMBERSHIPS);
    }
    String id = resolve(issuerId);
    if (missing != null) {
      accounts.setAgreementsMissing(id, missing.booleanValue());
    }
    if (membership != null) {
      accounts.setProgramMembership(id, membership.asText());
    }
    return json.json(200, describe(accounts.store().team(id).orElseThrow()));
  }

  /** The given team's issuer ID, or the first team's when none is given. */
  String resolve(String issuerId) {
    return AdminJson.team(accounts.store(), issuerId);
  }

  private ObjectNode describe(Team team) {
    ObjectNode out = json.mapper().createObjectNode();
    out.put("issuerId", team.issuerId());
    out.put("name", team.name());
    out.put("createdAt", team.createdAt().toString());
    out.put("agreementsMissing", team.agreementsMissing());
    out.put("teamId", team.teamId());
    out.put("programMembership", team.programMembership()); // anything but ACTIVE refuses the provisioning resources // the developer-program team ID: certificates' OU, profiles' TeamIdentifier
    out.put("vendorNumber", VendorNumbers.of(team.issuerId())); // filter[vendorNumber] of its sales and finance reports
    return out;
  }
}
