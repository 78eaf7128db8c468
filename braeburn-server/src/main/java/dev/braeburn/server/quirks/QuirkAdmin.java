package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Store;

/**
 * {@code /_braeburn/quirks}: the team's quirks (team from {@code X-Braeburn-Issuer}, default the
 * first team). {@code GET} lists every row of the table with its state; {@code GET}/{@code PUT}/{@code
 * DELETE /_braeburn/quirks/{name}} shows, switches (with settings) and resets one. A change is
 * journaled with its diagnosis.
 */
public final class QuirkAdmin {
  public static final String SEGMENT = "quirks";
  private static final String PATH = "/_braeburn/" + SEGMENT;

  private final Store store;
  private final AdminJson json;

  public QuirkAdmin(Store store, AdminJson json) {
    this.store = store;
    this.json = json;
  }

  public ApiResponse handle(ApiRequest req) {
    String rest = req.path().length() > PATH.length() ? req.path().substring(PATH.length() + 1) : "";
    String team = AdminJson.team(store, req);
    if (rest.isEmpty()) {
      if (!req.method().equals("GET")) {
        throw notAllowed("Use GET on " + PATH);
      }
      TeamQuirks quirks = store.read(team, QuirkStore::of);
      ObjectNode out = json.mapper().createObjectNode();
      out.put("issuerId", team);
      ArrayNode rows = out.putArray("quirks");
      QuirkCatalogue.get().all().forEach(q -> rows.add(quirks.describe(q)));
      return json.json(200, out);
    }
    QuirkCatalogue.Quirk quirk = QuirkCatalogue.get().find(rest).orElseThrow(() -> AdminJson.notFound(
        "There is no quirk '" + rest + "'; GET " + PATH + " lists them"));
    return switch (req.method()) {
      case "GET" -> json.json(200, store.read(team, QuirkStore::of).describe(quirk));
      case "PUT" -> {
        ObjectNode setting = QuirkSettings.validated(quirk, json.body(req));
        TeamQuirks changed = store.write(team, tx -> {
          TeamQuirks next = QuirkStore.of(tx).with(quirk.name(), setting);
          QuirkStore.save(tx, next);
          return next;
        });
        yield json.json(200, changed.describe(quirk)).withHeader(Engine.DIAGNOSIS_HEADER,
            "Quirk " + quirk.name() + " switched " + (changed.on(quirk.name()) ? "on" : "off") + " for team " + team);
      }
      case "DELETE" -> {
        store.write(team, tx -> {
          QuirkStore.save(tx, QuirkStore.of(tx).without(quirk.name()));
          return null;
        });
        yield ApiResponse.noContent(204).withHeader(Engine.DIAGNOSIS_HEADER, "Quirk " + quirk.name() + " reset (off) for team " + team);
      }
      default -> throw notAllowed("Use GET, PUT or DELETE on " + PATH + "/" + quirk.name());
    };
  }

  private static ApiException notAllowed(String detail) {
    return new ApiException(ApiError.of(405, "METHOD_NOT_ALLOWED", "The method is not allowed", detail));
  }
}
