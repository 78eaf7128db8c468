package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.QueryString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console under {@code /_braeburn/console} (docs/console.md): server-rendered pages over
 * the admin API's own answers. Sign-in takes the admin token once and gives a session cookie
 * ({@link ConsoleSessions}); state changes are POST forms that must carry the session's form token
 * (CSRF: a SameSite=Strict cookie plus a secret a cross-site page cannot read).
 */
final class Console {
  static final String SEGMENT = "console";
  static final String COOKIE = "braeburn_console";
  static final String ROOT = AdminApi.PREFIX + SEGMENT;

  /**
   * An admin API call made on the signed-in user's behalf: method, path under /_braeburn/, query,
   * JSON body, and the team ({@code X-Braeburn-Issuer}; null for server-wide routes).
   */
  interface AdminCall {
    ApiResponse call(String method, String path, String query, String jsonBody, String issuerId);
  }

  private final byte[] adminToken;
  private final ConsoleSessions sessions;
  private final ConsoleAdmin calls;
  private final ConsoleKeys keys;
  private final ConsoleResources resources;
  private final ConsoleWebhooksPage webhooks;
  private final ConsoleReviewsPage reviews;
  private final ConsoleApps apps;

  Console(byte[] adminToken, ConsoleSessions sessions, AdminCall admin, ObjectMapper mapper) {
    this.adminToken = adminToken;
    this.sessions = sessions;
    this.calls = new ConsoleAdmin(admin, mapper);
    this.keys = new ConsoleKeys(calls);
    this.resources = new ConsoleResources(calls);
    this.apps = new ConsoleApps(calls);
    this.webhooks = new ConsoleWebhooksPage(calls);
    this.reviews = new ConsoleReviewsPage(calls);
  }

  static boolean owns(String path) {
    return path.equals(SEGMENT) || path.startsWith(SEGMENT + "/");
  }

  ApiResponse handle(ApiRequest req, String path) {
    String page = path.equals(SEGMENT) ? "" : path.substring(SEGMENT.length() + 1);
    String sessionId = cookie(req);
    ConsoleSessions.Session session = sessions.find(sessionId);
    String route = req.method() + " " + page;
    if (route.equals("POST login")) {
      return login(req);
    }
    if (session == null) {
      return page.isEmpty() && req.method().equals("GET") ? html(200, ConsolePages.login(null)) : redirect(ROOT);
    }
    if (req.method().equals("POST") && !formTokenMatches(req, session)) {
      return html(403, Html.page("Refused", session.formToken(), "<p class=\"error\">The form token is missing or stale; reload the page and try again.</p>"));
    }
    try {
      return switch (route) {
        case "GET ", "GET teams" -> html(200, keys.teamsPage(session));
        case "POST teams/create" -> keys.createTeam(req);
        case "POST keys/create" -> keys.create(req, session);
        case "GET keys/created" -> html(200, keys.createdPage(session));
        case "POST keys/download" -> keys.download(session);
        case "GET keys/revoke" -> html(200, keys.confirmRevokePage(req, session));
        case "POST keys/revoke" -> keys.revoke(req);
        case "GET resources" -> html(200, resources.typesPage(req, session));
        case "GET requests" -> requests(req, session);
        case "GET apps" -> rendered(apps.list(session.formToken()));
        case "GET clock" -> html(200, ConsolePages.clock(json("clock", null), json("tasks", "limit=" + ConsolePages.TASKS_SHOWN), session.formToken()));
        case "POST clock/freeze", "POST clock/resume" -> clockAction(page.substring(6), null);
        case "POST clock/advance" -> clockAction("advance", advanceBody(req));
        case "GET webhooks" -> html(200, webhooks.show(AdminApi.queryParameter(req, "team"), session.formToken()));
        case "POST webhooks/redeliver" -> redirect(webhooks.redeliver(form(req)));
        case "GET reviews" -> html(200, reviews.show(session.formToken()));
        case "POST reviews/decide" -> redirect(reviews.decide(form(req)));
        case "POST logout" -> {
          sessions.close(sessionId);
          yield redirect(ROOT).withHeader("Set-Cookie", COOKIE + "=; Path=" + ROOT + "; Max-Age=0; HttpOnly; SameSite=Strict");
        }
        case String r when r.startsWith("GET resources/") -> resources.resourcePage(req, page.substring("resources/".length()), session);
        case String r when r.startsWith("GET apps/") -> rendered(apps.dashboard(page.substring(5),
            AdminApi.queryParameter(req, "team"), AdminApi.queryParameter(req, "from"), AdminApi.queryParameter(req, "to"), session.formToken()));
        default -> html(404, Html.page("Not found", session.formToken(), "<p>There is no console page here.</p>"));
      };
    } catch (ApiException e) {
      return html(e.status(), Html.page("Refused", session.formToken(), "<p class=\"error\">" + Html.escape(e.getMessage()) + "</p>"));
    }
  }

  private ApiResponse login(ApiRequest req) {
    String given = form(req).getOrDefault("token", "").trim();
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken)) {
      return html(401, ConsolePages.login("That is not the admin token. It is in <data>/admin-token (or BRAEBURN_ADMIN_TOKEN)."));
    }
    String id = sessions.open();
    // a browser-session cookie (no Max-Age): it goes when the browser closes; the server drops it after LIFETIME
    return redirect(ROOT + "/teams").withHeader("Set-Cookie", COOKIE + "=" + id + "; Path=" + ROOT + "; HttpOnly; SameSite=Strict");
  }

  private ApiResponse requests(ApiRequest req, ConsoleSessions.Session session) {
    String status = AdminApi.queryParameter(req, "status");
    String pathPart = AdminApi.queryParameter(req, "path");
    String query = "limit=100000" + (status == null || status.isBlank() ? "" : "&status=" + java.net.URLEncoder.encode(status.trim(), StandardCharsets.UTF_8));
    return html(200, ConsolePages.requests(json("requests", query), status, pathPart, session.formToken()));
  }

  private ApiResponse clockAction(String action, String body) {
    calls.post("clock/" + action, body == null ? "{}" : body, null); // a refusal: the "Refused" page
    return redirect(ROOT + "/clock");
  }

  /** The advance form sends hours=1 or days=1; only those two units, as whole numbers. */
  private String advanceBody(ApiRequest req) {
    Map<String, String> form = form(req);
    for (String unit : new String[] {"hours", "days"}) {
      String value = form.get(unit);
      if (value != null && value.matches("\\d{1,6}")) {
        return "{\"" + unit + "\":" + value + "}";
      }
    }
    throw AdminJson.invalid("/hours", "send hours=n or days=n");
  }

  private JsonNode json(String path, String query) {
    return calls.get(path, query, null);
  }

  private boolean formTokenMatches(ApiRequest req, ConsoleSessions.Session session) {
    String given = form(req).getOrDefault("formToken", "");
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), session.formToken().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> form(ApiRequest req) {
    Map<String, String> out = new LinkedHashMap<>();
    if (req.hasBody()) {
      QueryString.parse(new String(req.body(), StandardCharsets.UTF_8)).forEach(p -> out.putIfAbsent(p.getKey(), p.getValue()));
    }
    return out;
  }

  private static String cookie(ApiRequest req) {
    String header = req.header("cookie");
    if (header == null) {
      return null;
    }
    for (String part : header.split("[;,]")) { // ',' and quotes: RFC 2965 clients such as the JDK's CookieManager
      String trimmed = part.trim();
      if (trimmed.startsWith(COOKIE + "=")) {
        return trimmed.substring(COOKIE.length() + 1).replace("\"", "");
      }
    }
    return null;
  }

  static ApiResponse redirect(String location) {
    return ApiResponse.noContent(303).withHeader("Location", location).withHeader("Cache-Control", "no-store");
  }

  private static ApiResponse rendered(ConsoleApps.Rendered page) {
    return html(page.status(), page.html());
  }

  /** An HTML page; the policy forbids scripts, frames and foreign form targets outright (escaping is the first defence). */
  static ApiResponse html(int status, String page) {
    return ApiResponse.text(status, "text/html; charset=utf-8", page).withHeader("Cache-Control", "no-store")
        .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
        .withHeader("X-Content-Type-Options", "nosniff");
  }
}
