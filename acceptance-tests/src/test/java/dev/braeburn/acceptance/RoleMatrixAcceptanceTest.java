package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what (protocol.md §2.2, §2.3), over real HTTP, for every team-key access level and a
 * handful of individual keys × representative operations of every policy group. The expectations
 * come from the explicit {@link #POLICY} table below — never from the server's AccessPolicy — so a
 * wrong policy file makes this test fail.
 *
 * <p>Allowed means "not 403": writes send a body that fails validation (422), so passing the role
 * check is proven without changing data; reports and unknown ids may answer 400/404.
 */
class RoleMatrixAcceptanceTest {
  static TestServer server;

  /** A body every write operation rejects at validation — reached only after the role check. */
  static final String INVALID = "{\"dta\":{}}";
  /** An id no resource has: instance operations answer 404 once the role check is passed. */
  static final String NONE = "braeburn-missing-id";

  // Demo-seed ids (braeburn/seed/demo.json).
  static final String APP = "1600000001";
  static final String USER = "3ee91b8d-2d71-589d-879a-f67c49e5f428";
  static final String BUILD = "2e5b3dd0-95bd-5667-800f-11212f34d9bd";
  static final String CERTIFICATE = "6H9RKZQ58K";
  static final String DEVICE = "QTZ27ZCBUR";
  static final String BUNDLE_ID = "C8RUGCZH8E";
  static final String REVIEW = "c69ef853-2939-588b-98a7-49e357b7f1c8";
  static final String BETA_GROUP = "4773deeb-657d-5c1e-a7a6-c926d5f83a65";
  static final String VERSION_LOCALIZATION = "a45d47a4-849b-5886-bab3-3c32079add94";
  static final String APP_INFO = "a6b36c17-0ad2-5341-8d41-76174cd9abec";
  static final String APP_INFO_LOCALIZATION = "ee2cc992-0ef4-5866-a94a-421cebdcf88c";

  static final String ADMIN = "ADMIN";
  static final String APP_MANAGER = "APP_MANAGER";
  static final String DEVELOPER = "DEVELOPER";
  static final String FINANCE = "FINANCE";
  static final String SALES = "SALES";
  static final String MARKETING = "MARKETING";
  static final String CUSTOMER_SUPPORT = "CUSTOMER_SUPPORT";
  static final String ACCOUNT_HOLDER = "ACCOUNT_HOLDER";
  static final String ACCESS_TO_REPORTS = "ACCESS_TO_REPORTS";
  static final List<String> TEAM_KEY_ROLES = List.of(ADMIN, APP_MANAGER, DEVELOPER, FINANCE, SALES, MARKETING, CUSTOMER_SUPPORT);

  /** One operation as sent: method, path template (as the diagnosis names it), the id for {id}, query, body. */
  record Op(String method, String template, String id, String query, String body) {
    String path() {
      return template.replace("{id}", id == null ? "" : id) + (query == null ? "" : "?" + query);
    }

    String call() {
      return method + " " + template;
    }

    @Override
    public String toString() {
      return method + " " + template.replace("{id}", id == null ? "" : id);
    }
  }

  /** A policy group: its name, whether individual keys may use it at all, and the team roles allowed. */
  record Group(String name, boolean individualKeys, Set<String> roles, List<Op> ops) {}

  /** Who calls: a team key (one role) or an individual key (its user's roles). */
  record Caller(String type, List<String> roles) {
    boolean individual() {
      return type.equals("INDIVIDUAL");
    }

    @Override
    public String toString() {
      return individual() ? "individual " + roles : "team " + roles.getFirst();
    }
  }

  static Op get(String template) {
    return new Op("GET", template, null, null, null);
  }

  static Op get(String template, String id) {
    return new Op("GET", template, id, null, null);
  }

  static Op getWithQuery(String template, String query) {
    return new Op("GET", template, null, query, null);
  }

  static Op post(String template) {
    return new Op("POST", template, null, null, INVALID);
  }

  static Op post(String template, String id) {
    return new Op("POST", template, id, null, INVALID);
  }

  static Op patch(String template, String id) {
    return new Op("PATCH", template, id, null, INVALID);
  }

  static Op delete(String template, String id) {
    return new Op("DELETE", template, id, null, null);
  }

  static Group group(String name, boolean individualKeys, List<String> roles, Op... ops) {
    return new Group(name, individualKeys, Set.copyOf(roles), List.of(ops));
  }

  static final boolean INDIVIDUAL_KEYS_TOO = true;
  static final boolean TEAM_KEYS_ONLY = false;

  /**
   * The role matrix this emulator promises (protocol.md §2.2): group → sample operations → team
   * roles allowed. ACCOUNT_HOLDER has every right of ADMIN (it is ADMIN plus agreements).
   */
  static final List<Group> POLICY = List.of(
      group("users and invitations", INDIVIDUAL_KEYS_TOO, List.of(ADMIN),
          get("/v1/users"),
          get("/v1/users/{id}", USER),
          get("/v1/users/{id}/visibleApps", USER),
          patch("/v1/users/{id}", USER),
          post("/v1/userInvitations"),
          delete("/v1/userInvitations/{id}", NONE)),
      group("sales reports", TEAM_KEYS_ONLY, List.of(ADMIN, FINANCE, SALES),
          getWithQuery("/v1/salesReports",
              "filter[vendorNumber]=85000000&filter[reportType]=SALES&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY")),
      group("finance reports", TEAM_KEYS_ONLY, List.of(ADMIN, FINANCE),
          getWithQuery("/v1/financeReports",
              "filter[vendorNumber]=85000000&filter[reportType]=FINANCIAL&filter[regionCode]=US&filter[reportDate]=2024-01")),
      group("analytics reports", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, FINANCE, SALES),
          get("/v1/analyticsReportRequests/{id}", NONE),
          get("/v1/analyticsReports/{id}", NONE),
          get("/v1/apps/{id}/analyticsReportRequests", APP)),
      group("analytics report requests", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, FINANCE, SALES),
          post("/v1/analyticsReportRequests"),
          delete("/v1/analyticsReportRequests/{id}", NONE)),
      group("provisioning", TEAM_KEYS_ONLY, List.of(ADMIN, APP_MANAGER, DEVELOPER),
          get("/v1/certificates"),
          get("/v1/certificates/{id}", CERTIFICATE),
          get("/v1/bundleIds/{id}/profiles", BUNDLE_ID),
          post("/v1/bundleIds"),
          post("/v1/bundleIdCapabilities"),
          patch("/v1/devices/{id}", DEVICE),
          delete("/v1/profiles/{id}", NONE)),
      group("customer reviews", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER, CUSTOMER_SUPPORT, MARKETING),
          get("/v1/customerReviews/{id}", REVIEW),
          get("/v1/apps/{id}/customerReviews", APP)),
      group("customer review responses", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER, CUSTOMER_SUPPORT),
          post("/v1/customerReviewResponses"),
          delete("/v1/customerReviewResponses/{id}", NONE)),
      group("webhooks", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER),
          get("/v1/apps/{id}/webhooks", APP),
          get("/v1/webhooks/{id}", NONE),
          post("/v1/webhooks"),
          patch("/v1/webhooks/{id}", NONE),
          post("/v1/webhookPings")),
      group("build uploads and Xcode Cloud", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER, DEVELOPER),
          post("/v1/buildUploads"),
          patch("/v1/builds/{id}", BUILD),
          post("/v1/ciBuildRuns"),
          delete("/v1/ciProducts/{id}", NONE)),
      group("TestFlight", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER),
          patch("/v1/betaBuildLocalizations/{id}", NONE),
          post("/v1/betaGroups"),
          patch("/v1/betaGroups/{id}", BETA_GROUP),
          delete("/v1/betaTesters/{id}", NONE),
          patch("/v1/buildBetaDetails/{id}", BUILD),
          post("/v1/builds/{id}/relationships/betaGroups", BUILD)),
      group("app localizations and media", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER, MARKETING),
          patch("/v1/appStoreVersionLocalizations/{id}", VERSION_LOCALIZATION),
          patch("/v1/appInfoLocalizations/{id}", APP_INFO_LOCALIZATION),
          post("/v1/appScreenshotSets"),
          post("/v1/appEvents")),
      group("app metadata", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER),
          patch("/v1/apps/{id}", APP),
          patch("/v1/appInfos/{id}", APP_INFO),
          post("/v1/appStoreVersions"),
          post("/v1/reviewSubmissions"),
          delete("/v1/subscriptions/{id}", NONE)),
      group("other reads", INDIVIDUAL_KEYS_TOO, TEAM_KEY_ROLES,
          get("/v1/apps"),
          get("/v1/apps/{id}", APP),
          get("/v1/apps/{id}/appStoreVersions", APP),
          get("/v1/builds"),
          get("/v1/betaGroups"),
          get("/v1/ciProducts"),
          get("/v1/territories")),
      group("other writes", INDIVIDUAL_KEYS_TOO, List.of(ADMIN, APP_MANAGER),
          post("/v1/nominations"),
          post("/v1/appEncryptionDeclarations"),
          delete("/v1/alternativeDistributionKeys/{id}", NONE),
          patch("/v2/sandboxTesters/{id}", NONE)));

  /** Every team-key access level, then individual keys with their users' roles. */
  static final List<Caller> CALLERS = Stream.concat(
      TEAM_KEY_ROLES.stream().map(r -> new Caller("TEAM", List.of(r))),
      Stream.of(List.of(ADMIN), List.of(ACCOUNT_HOLDER), List.of(DEVELOPER), List.of(FINANCE, SALES),
          List.of(APP_MANAGER, ACCESS_TO_REPORTS), List.of(CUSTOMER_SUPPORT, MARKETING))
          .map(roles -> new Caller("INDIVIDUAL", roles)))
      .toList();

  /** ACCESS_TO_REPORTS is the deprecated add-on that also grants report reads (never on its own a team key). */
  static final Set<String> REPORT_READ_GROUPS = Set.of("sales reports", "analytics reports");

  private static final Map<Caller, TestServer.Key> KEYS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo", c -> c); // Apple's 3600/hour: every response carries X-Rate-Limit
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static TestServer.Key key(Caller caller) {
    return KEYS.computeIfAbsent(caller, c -> server.createKey(c.roles(), c.type(), null));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Caller caller : CALLERS) {
      for (Group group : POLICY) {
        for (Op op : group.ops()) {
          cases.add(Arguments.of(caller, group.name(), op, allowed(caller, group) ? "allowed" : "403"));
        }
      }
    }
    return cases.stream();
  }

  /** The table's verdict: individual keys are out where the group says so; otherwise any held role that the group allows. */
  static boolean allowed(Caller caller, Group group) {
    if (caller.individual() && !group.individualKeys()) {
      return false;
    }
    for (String role : caller.roles()) {
      String effective = role.equals(ACCOUNT_HOLDER) ? ADMIN : role;
      if (group.roles().contains(effective)) {
        return true;
      }
      if (role.equals(ACCESS_TO_REPORTS) && REPORT_READ_GROUPS.contains(group.name())) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest(name = "{0} · {1} · {2} → {3}")
  @MethodSource("matrix")
  void roleMatrix(Caller caller, String groupName, Op op, String expected) {
    TestServer.Reply reply = server.send(op.method(), op.path(), op.body(), key(caller).token());
    assertThat(reply.header("X-Rate-Limit")).as("X-Rate-Limit of " + reply.status())
        .matches("user-hour-lim:3600;user-hour-rem:\\d+;");
    Group group = POLICY.stream().filter(g -> g.name().equals(groupName)).findFirst().orElseThrow();
    if (expected.equals("allowed")) {
      assertThat(reply.status()).as("%s %s → %s", caller, op, reply.body()).isNotEqualTo(403).isLessThan(500);
      assertThat(reply.header("X-Braeburn-Diagnosis")).as("no refusal diagnosis").isNull();
      return;
    }
    assertKeyForbidden(reply);
    String diagnosis = reply.header("X-Braeburn-Diagnosis");
    if (caller.individual() && !group.individualKeys()) {
      assertThat(diagnosis).contains("individual keys may not call " + groupName + " endpoints (" + op.call() + ")");
      return;
    }
    List<String> held = new ArrayList<>(new TreeSet<>(caller.roles()));
    assertThat(diagnosis)
        .contains((held.size() == 1 ? "role " : "roles ") + String.join(", ", held) + " may not call " + op.call())
        .contains("policy group '" + groupName + "'");
    group.roles().forEach(allowedRole -> assertThat(diagnosis).contains(allowedRole));
  }

  /** Apple's exact "key not allowed" 403 (protocol.md §2.3.1): a fresh id, every other member verbatim. */
  static void assertKeyForbidden(TestServer.Reply reply) {
    JsonNode e = AppleErrors.onlyError(reply, 403, "id", "status", "code", "title", "detail");
    assertThat(e.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(e.get("status").asText()).isEqualTo("403");
    assertThat(e.get("code").asText()).isEqualTo("FORBIDDEN_ERROR");
    assertThat(e.get("title").asText()).isEqualTo("This request is forbidden for security reasons");
    assertThat(e.get("detail").asText()).isEqualTo("The API key in use does not allow this request");
    assertThat(reply.header("X-Braeburn-Diagnosis")).isNotBlank();
  }

  @Test
  void protocolFacts() {
    String developer = key(new Caller("TEAM", List.of(DEVELOPER))).token();
    String appManager = key(new Caller("TEAM", List.of(APP_MANAGER))).token();
    String support = key(new Caller("TEAM", List.of(CUSTOMER_SUPPORT))).token();
    String individual = key(new Caller("INDIVIDUAL", List.of(ADMIN))).token();

    // A Developer key cannot read /v1/users (parley #264).
    TestServer.Reply users = server.send("GET", "/v1/users", null, developer);
    assertKeyForbidden(users);
    assertThat(users.header("X-Braeburn-Diagnosis")).contains("role DEVELOPER may not call GET /v1/users").contains("ADMIN");

    // An App Manager key is refused sales reports while /v1/apps works (mimi-seed-sdk #19/#20).
    assertKeyForbidden(server.send("GET", "/v1/salesReports", null, appManager));
    assertThat(server.send("GET", "/v1/apps", null, appManager).status()).isEqualTo(200);

    // Individual keys never reach certificates, whatever their roles (Apple's key docs).
    TestServer.Reply certificates = server.send("GET", "/v1/certificates", null, individual);
    assertKeyForbidden(certificates);
    assertThat(certificates.header("X-Braeburn-Diagnosis")).contains("individual keys may not call");

    // A Developer key cannot set TestFlight "What to Test" or create beta groups (fastlane docs#1050).
    String changelog = "{\"data\":{\"type\":\"betaBuildLocalizations\",\"id\":\"x\",\"attributes\":{\"whatsNew\":\"Fixes\"}}}";
    assertKeyForbidden(server.send("PATCH", "/v1/betaBuildLocalizations/x", changelog, developer));
    String betaGroup = "{\"data\":{\"type\":\"betaGroups\",\"attributes\":{\"name\":\"Dev\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}";
    TestServer.Reply group = server.send("POST", "/v1/betaGroups", betaGroup, developer);
    assertKeyForbidden(group);
    assertThat(group.header("X-Braeburn-Diagnosis")).contains("may not call POST /v1/betaGroups");

    // Customer Support answers reviews (AvdLee #182 is the refused counterpart).
    String response = "{\"data\":{\"type\":\"customerReviewResponses\",\"attributes\":{\"responseBody\":\"Thanks for the review!\"},"
        + "\"relationships\":{\"review\":{\"data\":{\"type\":\"customerReviews\",\"id\":\"" + REVIEW + "\"}}}}}";
    TestServer.Reply answered = server.send("POST", "/v1/customerReviewResponses", response, support);
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
    assertThat(answered.json().at("/data/type").asText()).isEqualTo("customerReviewResponses");
  }

  @Test
  void roleCheckComesAfterRouting() {
    String developer = key(new Caller("TEAM", List.of(DEVELOPER))).token();
    TestServer.Reply unknown = server.send("GET", "/v1/bananas", null, developer);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.json().at("/errors/0/code").asText()).isEqualTo("PATH_ERROR");
    TestServer.Reply unknownUnderUsers = server.send("GET", "/v1/users/" + USER + "/bananas", null, developer);
    assertThat(unknownUnderUsers.status()).as(unknownUnderUsers.body()).isEqualTo(404);
    assertThat(unknownUnderUsers.json().at("/errors/0/code").asText()).isEqualTo("PATH_ERROR");
    // A verb the resource does not offer is the router's 403 ("operation not allowed"), not the key's.
    TestServer.Reply verb = server.send("POST", "/v1/users", INVALID, developer);
    assertThat(verb.status()).isEqualTo(403);
    assertThat(verb.json().at("/errors/0/title").asText()).isEqualTo("The given operation is not allowed");
  }

  @Test
  void refusedRequestsCarryAndConsumeTheRateLimit() {
    TestServer.Key finance = server.createKey(FINANCE, null);
    TestServer.Reply first = server.send("GET", "/v1/certificates", null, finance.token());
    assertKeyForbidden(first);
    assertThat(first.header("X-Rate-Limit")).isEqualTo("user-hour-lim:3600;user-hour-rem:3599;");
    TestServer.Reply second = server.send("GET", "/v1/users", null, finance.token());
    assertKeyForbidden(second);
    assertThat(second.header("X-Rate-Limit")).isEqualTo("user-hour-lim:3600;user-hour-rem:3598;");
  }
}
