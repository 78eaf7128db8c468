package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.TokenVerifier;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.QueryString;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Team;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Braeburn's control plane under {@code /_braeburn/} (the product contract in
 * shared/design/architecture.md): health without auth; everything else behind {@code
 * Authorization: Bearer <admin token>} except the certificate authority's public roots and
 * intermediates ({@link CaAdmin}). Errors use Apple's error document shape. Routes:
 * teams, keys, resources, reset, requests (the journal), tokens/explain, snapshot, webhooks/events and
 * webhooks/deliveries (the log, redelivery);
 * the browser console ({@link Console}) under {@code /_braeburn/console}.
 */
public final class AdminApi {
  public static final String PREFIX = "/_braeburn/";

  private final Accounts accounts;
  private final AdminJson json;
  private final ErrorWriter errors;
  private final byte[] adminToken;
  private final Supplier<ObjectNode> health;
  private final TeamAdmin teams;
  private final KeyAdmin keys;
  private final ClockAdmin clock;
  private final JournalAdmin journal;
  private final SnapshotAdmin snapshots;
  private final WebhookAdmin webhooks;
  private final UploadFailuresAdmin uploads;
  private final CaAdmin ca;
  private final ResourceAdmin resources;
  private final VirtualClock time;
  private final Console console;
  /** Admin routes of families (first path segment → handler), e.g. TestFlight's betaReviews and betaFeedback. */
  private final Map<String, dev.braeburn.server.http.RequestHandler> familyRoutes = new java.util.concurrent.ConcurrentHashMap<>();

  public AdminApi(Accounts accounts, ObjectMapper mapper, String adminToken, Supplier<ObjectNode> health,
      RequestJournal journal, TokenVerifier tokens, dev.braeburn.server.snapshot.Snapshots snapshots, VirtualClock clock,
      Scheduler scheduler, dev.braeburn.server.family.WebhookEvents webhookEvents,
      dev.braeburn.server.family.signing.ca.CertificateAuthorities authorities) {
    this.accounts = accounts;
    this.json = new AdminJson(mapper);
    this.errors = new ErrorWriter(mapper);
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.health = health;
    this.teams = new TeamAdmin(accounts, json);
    this.keys = new KeyAdmin(accounts, json, teams);
    this.journal = new JournalAdmin(journal, tokens, json);
    this.snapshots = new SnapshotAdmin(snapshots, teams, json);
    this.clock = new ClockAdmin(clock, scheduler, accounts.store(), json);
    this.time = clock;
    this.webhooks = new WebhookAdmin(accounts.store(), teams, json, webhookEvents, scheduler);
    this.uploads = new UploadFailuresAdmin(accounts.store(), teams, json);
    this.ca = new CaAdmin(authorities);
    this.resources = new ResourceAdmin(accounts.store(), teams, json);
    // the console calls the routes below on a signed-in user's behalf: it shows what the API serves
    this.console = new Console(this.adminToken, new ConsoleSessions(clock.wall()), (method, path, query, body, issuerId) ->
        route(new ApiRequest(method, PREFIX + path, query, issuerId == null ? Map.of() : Map.of("x-braeburn-issuer", issuerId),
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), ""), path),
        mapper);
  }

  public ApiResponse handle(ApiRequest req) {
    try {
      String path = req.path().substring(PREFIX.length());
      if (path.equals("health") && req.method().equals("GET")) {
        return json.json(200, health.get());
      }
      if (CaAdmin.owns(req, path)) {
        return ca.handle(req, path); // roots are public, as Apple's are
      }
      if (Console.owns(path)) {
        return console.handle(req, path); // a browser's session cookie instead of the Authorization header
      }
      authorize(req);
      return route(req, path);
    } catch (ApiException e) {
      return errors.render(e);
    }
  }

  private ApiResponse route(ApiRequest req, String path) {
    String[] segments = path.split("/", 2);
    String id = segments.length > 1 ? segments[1] : null;
    return switch (req.method() + " " + segments[0] + (id == null ? "" : "/{id}")) {
      case "GET teams" -> teams.list();
      case "POST teams" -> teams.create(req);
      case "PATCH teams/{id}" -> teams.update(req, id);
      case "GET keys" -> keys.list(req);
      case "POST keys" -> keys.create(req);
      case "PATCH keys/{id}" -> keys.update(req, id);
      case "DELETE keys/{id}" -> keys.revoke(id);
      case "GET clock" -> clock.show();
      case "POST clock/{id}" -> clock.act(req, id);
      case "GET tasks" -> clock.tasks(req);
      case "GET requests" -> journal.list(req);
      case "DELETE requests" -> journal.clear();
      case "POST tokens/{id}" -> {
        if (!"explain".equals(id)) {
          throw notFound(req);
        }
        yield journal.explain(req);
      }
      case "POST resources" -> loadResources(req);
      case "GET resources" -> resources.list(req);
      case "GET resources/{id}" -> resources.show(req, id);
      case "POST reset" -> reset(req);
      case "GET snapshot" -> snapshots.save(req);
      case "POST snapshot" -> snapshots.load(req);
      case "GET webhooks/{id}" -> webhooks.show(req, id);
      case "POST webhooks/{id}" -> webhooks.act(req, id);
      case "GET uploads/{id}", "POST uploads/{id}" -> uploads.act(req, id);
      default -> {
        var family = familyRoutes.get(segments[0]);
        if (family == null) {
          throw notFound(req);
        }
        yield familyRoute(req, family);
      }
    };
  }

  /**
   * A family's admin route. Its answer or refusal that explains itself (a diagnosis: App Review's
   * decision and its reason, a decision refused) is journaled and sent in {@code X-Braeburn-Diagnosis}.
   */
  private ApiResponse familyRoute(ApiRequest req, dev.braeburn.server.http.RequestHandler family) {
    ApiResponse answer;
    try {
      answer = family.handle(req);
    } catch (ApiException e) {
      if (e.diagnosis() == null) {
        throw e;
      }
      answer = errors.render(e).withHeader(dev.braeburn.server.engine.Engine.DIAGNOSIS_HEADER, e.diagnosis());
    }
    if (!answer.headers().containsKey(dev.braeburn.server.engine.Engine.DIAGNOSIS_HEADER)) {
      return answer;
    }
    String issuerId = req.header("x-braeburn-issuer") != null ? req.header("x-braeburn-issuer")
        : accounts.store().teams().stream().findFirst().map(Team::issuerId).orElse(null);
    return journal.noteDiagnosis(req, answer, issuerId, time.instant());
  }

  /** Adds a family's admin routes, each owning the paths under {@code /_braeburn/<segment>}. */
  public void addFamilyRoutes(Map<String, dev.braeburn.server.http.RequestHandler> routes) {
    familyRoutes.putAll(routes);
  }

  private static ApiException notFound(ApiRequest req) {
    return new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
  }

  private void authorize(ApiRequest req) {
    String header = req.header("authorization");
    byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, adminToken)) {
      throw new ApiException(ApiError.of(401, "NOT_AUTHORIZED", "Admin credentials are missing or invalid.",
          "Send 'Authorization: Bearer <admin token>'; the token is in BRAEBURN_ADMIN_TOKEN or <data>/admin-token").withoutId());
    }
  }

  private ApiResponse loadResources(ApiRequest req) {
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    JsonNode body = json.body(req);
    List<Linkage> loaded = accounts.store().write(issuerId, tx -> accounts.loader().load(tx, body.get("data")));
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    loaded.forEach(l -> data.addObject().put("type", l.type()).put("id", l.id()));
    return json.json(201, out);
  }

  /** Removes every resource (of one team with X-Braeburn-Issuer, else of all); keys stay valid. */
  private ApiResponse reset(ApiRequest req) {
    String only = req.header("x-braeburn-issuer");
    List<Team> all = only == null ? accounts.store().teams() : List.of(accounts.store().team(teams.resolve(only)).orElseThrow());
    for (Team t : all) {
      accounts.store().deleteResources(t.issuerId());
      accounts.loadReference(t.issuerId());
    }
    return ApiResponse.noContent(204);
  }

  /** The first value of a query parameter of an admin request, decoded. */
  static String queryParameter(ApiRequest req, String name) {
    return QueryString.parse(req.query()).stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }
}
