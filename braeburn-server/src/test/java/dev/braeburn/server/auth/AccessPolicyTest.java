package dev.braeburn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The role table of protocol.md §2.2 as encoded in access-policy.json, checked against the spec. */
class AccessPolicyTest {
  static final List<String> ROLES = List.of("ADMIN", "FINANCE", "ACCOUNT_HOLDER", "SALES", "MARKETING", "APP_MANAGER",
      "DEVELOPER", "ACCESS_TO_REPORTS", "CUSTOMER_SUPPORT", "CREATE_APPS", "CLOUD_MANAGED_DEVELOPER_ID",
      "CLOUD_MANAGED_APP_DISTRIBUTION", "GENERATE_INDIVIDUAL_KEYS");

  static Spec spec;
  static AccessPolicy policy;

  @BeforeAll
  static void load() {
    spec = Spec.load();
    policy = AccessPolicy.load(spec);
  }

  @Test
  void usersAndInvitationsAreAdminOnly() {
    for (String call : List.of("GET /v1/users", "GET /v1/users/{id}/visibleApps", "POST /v1/userInvitations", "PATCH /v1/users/{id}")) {
      assertExactly(call, "users and invitations", "ADMIN", "ACCOUNT_HOLDER");
    }
    assertThat(decide(team("DEVELOPER"), "GET /v1/users").reason())
        .isEqualTo("role DEVELOPER may not call GET /v1/users (policy group 'users and invitations'); ADMIN, ACCOUNT_HOLDER may");
  }

  @Test
  void salesAndFinanceReportsRefuseIndividualKeys() {
    assertExactly("GET /v1/salesReports", "sales reports", "ADMIN", "ACCOUNT_HOLDER", "FINANCE", "SALES", "ACCESS_TO_REPORTS");
    assertExactly("GET /v1/financeReports", "finance reports", "ADMIN", "ACCOUNT_HOLDER", "FINANCE");
    AccessDecision sales = decide(individual("ADMIN", "FINANCE", "SALES"), "GET /v1/salesReports");
    assertThat(sales.allowed()).isFalse();
    assertThat(sales.reason()).isEqualTo("individual keys may not call sales reports endpoints (GET /v1/salesReports); use a team key");
    assertThat(decide(individual("FINANCE"), "GET /v1/financeReports").allowed()).isFalse();
  }

  @Test
  void analyticsReadsIncludeTheReportsAddOnAndIndividualKeys() {
    for (String call : List.of("GET /v1/apps/{id}/analyticsReportRequests", "GET /v1/analyticsReports/{id}/instances",
        "GET /v1/analyticsReportSegments/{id}")) {
      assertExactly(call, "analytics reports", "ADMIN", "ACCOUNT_HOLDER", "FINANCE", "SALES", "ACCESS_TO_REPORTS");
    }
    for (String call : List.of("POST /v1/analyticsReportRequests", "DELETE /v1/analyticsReportRequests/{id}")) {
      assertExactly(call, "analytics report requests", "ADMIN", "ACCOUNT_HOLDER", "FINANCE", "SALES");
    }
    assertThat(decide(individual("SALES"), "GET /v1/apps/{id}/analyticsReportRequests").allowed()).isTrue();
  }

  @Test
  void provisioningIsForTeamKeysOfDevelopersAndUp() {
    for (String call : List.of("GET /v1/certificates", "POST /v1/profiles", "GET /v1/bundleIds/{id}/profiles", "PATCH /v1/devices/{id}")) {
      assertExactly(call, "provisioning", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER", "DEVELOPER");
    }
    AccessDecision refused = decide(individual("ADMIN"), "GET /v1/certificates");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.group()).isEqualTo("provisioning");
    assertThat(refused.reason()).isEqualTo("individual keys may not call provisioning endpoints (GET /v1/certificates); use a team key");
  }

  @Test
  void customerReviewsMatchAlsoAsRelationshipTarget() {
    for (String call : List.of("GET /v1/apps/{id}/customerReviews", "GET /v1/appStoreVersions/{id}/relationships/customerReviews",
        "GET /v1/customerReviews/{id}")) {
      assertExactly(call, "customer reviews", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER", "CUSTOMER_SUPPORT", "MARKETING");
    }
    for (String call : List.of("POST /v1/customerReviewResponses", "DELETE /v1/customerReviewResponses/{id}")) {
      assertExactly(call, "customer review responses", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER", "CUSTOMER_SUPPORT");
    }
  }

  @Test
  void webhooksAreAppManagersBothWays() {
    for (String call : List.of("GET /v1/apps/{id}/webhooks", "POST /v1/webhooks", "GET /v1/webhooks/{id}/deliveries", "POST /v1/webhookPings")) {
      assertExactly(call, "webhooks", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER");
    }
  }

  @Test
  void buildDeliveryAndXcodeCloudWritesAllowDevelopers() {
    for (String call : List.of("POST /v1/buildUploads", "PATCH /v1/builds/{id}", "POST /v1/ciBuildRuns", "PATCH /v1/ciWorkflows/{id}")) {
      assertExactly(call, "build uploads and Xcode Cloud", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER", "DEVELOPER");
    }
    // Adding a build to a beta group is TestFlight management, found through the relationship target.
    assertExactly("POST /v1/builds/{id}/relationships/betaGroups", "TestFlight", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER");
  }

  @Test
  void testFlightWritesAreAppManagersOnly() {
    for (String call : List.of("POST /v1/betaGroups", "PATCH /v1/betaBuildLocalizations/{id}", "POST /v1/betaTesters", "DELETE /v1/betaTesters/{id}")) {
      assertExactly(call, "TestFlight", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER");
    }
  }

  @Test
  void marketingMayEditLocalizationsAndMediaButNotTheRestOfTheListing() {
    for (String call : List.of("PATCH /v1/appStoreVersionLocalizations/{id}", "POST /v1/appScreenshots", "POST /v1/appEvents")) {
      assertExactly(call, "app localizations and media", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER", "MARKETING");
    }
    for (String call : List.of("PATCH /v1/apps/{id}", "POST /v1/appStoreVersions", "POST /v1/reviewSubmissions", "POST /v2/inAppPurchases",
        "POST /v1/subscriptions", "PATCH /v1/appStoreVersions/{id}/relationships/build")) {
      assertExactly(call, "app metadata", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER");
    }
  }

  @Test
  void everythingElseIsReadableByEveryRealRoleAndWritableByManagers() {
    for (String call : List.of("GET /v1/apps", "GET /v1/builds", "GET /v1/betaGroups", "GET /v1/ciProducts")) {
      assertExactly(call, "other reads", "ADMIN", "ACCOUNT_HOLDER", "FINANCE", "SALES", "MARKETING", "APP_MANAGER", "DEVELOPER",
          "CUSTOMER_SUPPORT");
    }
    assertExactly("POST /v1/nominations", "other writes", "ADMIN", "ACCOUNT_HOLDER", "APP_MANAGER");
  }

  @Test
  void anyRoleOfAnIndividualKeySuffices() {
    Principal key = individual("DEVELOPER", "MARKETING");
    assertThat(decide(key, "PATCH /v1/appStoreVersionLocalizations/{id}").allowed()).isTrue();
    assertThat(decide(key, "GET /v1/customerReviews/{id}").allowed()).isTrue();
    assertThat(decide(key, "GET /v1/certificates").allowed()).isFalse();
    AccessDecision users = decide(key, "GET /v1/users");
    assertThat(users.allowed()).isFalse();
    assertThat(users.reason()).startsWith("roles DEVELOPER, MARKETING may not call GET /v1/users");
  }

  @Test
  void theReportsAddOnGrantsReportReadsOnly() {
    Principal addOn = team("ACCESS_TO_REPORTS");
    assertThat(decide(addOn, "GET /v1/salesReports").allowed()).isTrue();
    assertThat(decide(addOn, "GET /v1/analyticsReports/{id}/instances").allowed()).isTrue();
    assertThat(decide(addOn, "GET /v1/financeReports").allowed()).isFalse();
    assertThat(decide(addOn, "POST /v1/analyticsReportRequests").allowed()).isFalse();
    assertThat(decide(addOn, "GET /v1/apps").allowed()).isFalse();
    Principal developer = individual("DEVELOPER", "ACCESS_TO_REPORTS");
    assertThat(decide(developer, "GET /v1/apps/{id}/analyticsReportRequests").allowed()).isTrue();
    assertThat(decide(developer, "GET /v1/salesReports").allowed()).isFalse();
  }

  @Test
  void accountHolderInheritsAdminEverywhere() {
    Principal admin = team("ADMIN");
    Principal holder = team("ACCOUNT_HOLDER");
    for (Operation op : spec.operations()) {
      assertThat(policy.decide(admin, op).allowed()).as(op.id()).isTrue();
      assertThat(policy.decide(holder, op).allowed()).as(op.id()).isTrue();
    }
  }

  @Test
  void everyOperationGetsADecisionWithAGroupAndAReasonWhenRefused() {
    assertThat(spec.operations()).hasSize(1263);
    for (Operation op : spec.operations()) {
      for (Principal p : List.of(team("CREATE_APPS"), individual(), individual("DEVELOPER"), team("SALES"))) {
        AccessDecision d = policy.decide(p, op);
        assertThat(d.group()).as(op.id()).isNotBlank();
        assertThat(d.allowed() || d.reason() != null).as(op.id()).isTrue();
      }
    }
  }

  /** Lower bounds per group and direction, so a misspelt type silently emptying a group fails. */
  @Test
  void everyGroupClaimsTheOperationsItShould() {
    Map<String, Long> sizes = new TreeMap<>(spec.operations().stream().collect(Collectors.groupingBy(
        op -> policy.decide(team("ADMIN"), op).group() + "/" + (op.kind().isRead() ? "read" : "write"), Collectors.counting())));
    Map<String, Integer> minimum = Map.ofEntries(Map.entry("users and invitations/read", 8), Map.entry("users and invitations/write", 7),
        Map.entry("sales reports/read", 1), Map.entry("finance reports/read", 1), Map.entry("analytics reports/read", 12),
        Map.entry("analytics report requests/write", 2), Map.entry("provisioning/read", 30), Map.entry("provisioning/write", 19),
        Map.entry("customer reviews/read", 8), Map.entry("customer review responses/write", 2), Map.entry("webhooks/read", 5),
        Map.entry("webhooks/write", 5), Map.entry("build uploads and Xcode Cloud/write", 10), Map.entry("TestFlight/write", 35),
        Map.entry("app localizations and media/write", 30), Map.entry("app metadata/write", 300), Map.entry("other reads/read", 600),
        Map.entry("other writes/write", 10));
    assertThat(sizes.keySet()).containsExactlyInAnyOrderElementsOf(minimum.keySet());
    minimum.forEach((group, min) -> assertThat(sizes.get(group)).as(group).isGreaterThanOrEqualTo(min));
    assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(spec.operations().size());
  }

  @Test
  void everyTypeAndPrefixInThePolicyExistsInTheSpec() {
    Set<String> types = new HashSet<>();
    spec.operations().forEach(op -> types.add(op.type()));
    spec.resourceTypes().forEach(t -> types.add(t.name()));
    for (AccessGroup group : policy.groups()) {
      for (TypeMatcher m : group.matchers()) {
        assertThat(types).as(group.name()).containsAll(m.types());
        m.prefixes().forEach(p -> assertThat(types).as(group.name() + " prefix " + p).anyMatch(t -> t.startsWith(p)));
      }
    }
  }

  @Test
  void unknownRolesAndFieldsAreRejectedAtLoad() {
    String policyJson = """
        {"matchOrder": ["subject"], "roleAliases": {"OWNER": "ADMIN"},
         "groups": [{"name": "g", "access": ["read"], "match": [{"types": ["users"]}], "roles": ["ADMINN"]}],
         "default": [{"name": "d", "access": ["read", "write"], "roles": ["ADMIN"]}]}""";
    assertThatThrownBy(() -> AccessPolicy.load(spec, stream(policyJson)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ADMINN").hasMessageContaining("OWNER");
    String typo = policyJson.replace("\"roles\": [\"ADMINN\"]", "\"role\": [\"ADMIN\"]");
    assertThatThrownBy(() -> AccessPolicy.load(spec, stream(typo))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theShippedPolicyLoadsFromItsResource() throws IOException {
    try (InputStream in = AccessPolicy.class.getResourceAsStream(AccessPolicy.RESOURCE)) {
      assertThat(in).isNotNull();
    }
    assertThat(policy.groups()).extracting(AccessGroup::name).endsWith("other reads", "other writes");
  }

  private static void assertExactly(String call, String group, String... allowed) {
    Set<String> expected = Set.of(allowed);
    for (String role : ROLES) {
      AccessDecision d = decide(team(role), call);
      assertThat(d.group()).as(call).isEqualTo(group);
      assertThat(d.allowed()).as(role + " " + call).isEqualTo(expected.contains(role));
      if (d.allowed()) {
        assertThat(d.reason()).isNull();
      } else {
        assertThat(d.reason()).as(role + " " + call).contains(call).contains(group);
      }
    }
  }

  private static AccessDecision decide(Principal principal, String call) {
    String[] parts = call.split(" ", 2);
    Operation op = spec.operations().stream().filter(o -> o.method().equals(parts[0]) && o.path().equals(parts[1])).findFirst()
        .orElseThrow(() -> new AssertionError("no such operation: " + call));
    return policy.decide(principal, op);
  }

  private static Principal team(String role) {
    return new Principal("issuer", "key", Set.of(role), false);
  }

  private static Principal individual(String... roles) {
    return new Principal("issuer", "key", Set.of(roles), true);
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
