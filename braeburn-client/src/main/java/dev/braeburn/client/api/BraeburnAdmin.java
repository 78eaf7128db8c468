package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.ApiKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Braeburn's own admin API, {@code /_braeburn/…} (README's admin table): teams, keys, the virtual
 * clock, snapshots, reset, faults, quirks, the request journal, scheduled tasks, stored resources,
 * webhook events and deliveries, review decisions, StoreKit purchases and notifications, metrics,
 * beta feedback and upload failures. One method per route, named after it; small records
 * ({@link JournalEntry}, {@link PendingReview}, {@link Purchase}) for the answers tests read most,
 * {@link JsonNode} elsewhere; anything not covered goes through {@link #call}. Methods that take {@code issuerOrNull}
 * send it as {@code X-Braeburn-Issuer} (null: the server's first team, or all teams where the
 * route says so). Errors are {@link ApiErrorException}s, as on the public API.
 */
public final class BraeburnAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String adminToken;
  private final HttpClient http;

  public BraeburnAdmin(String baseUrl, String adminToken) {
    this(baseUrl, adminToken, HttpClient.newHttpClient());
  }

  public BraeburnAdmin(String baseUrl, String adminToken, HttpClient http) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** {@code GET /_braeburn/health}: true when the server answers 200 (ready); false for another answer or none. */
  public boolean healthy() {
    try {
      call("GET", "/_braeburn/health", null, null);
      return true;
    } catch (ApiErrorException | UncheckedIOException e) {
      return false;
    }
  }

  // ---- teams ----

  /** A new team; its issuer id. */
  public String createTeam(String nameOrNull) {
    ObjectNode body = JSON.createObjectNode();
    if (nameOrNull != null) {
      body.put("name", nameOrNull);
    }
    return call("POST", "/_braeburn/teams", body, null).path("issuerId").asText();
  }

  public JsonNode teams() {
    return call("GET", "/_braeburn/teams", null, null);
  }

  // ---- keys ----

  /** A key Braeburn made, with the private half it hands out once. */
  public record CreatedKey(String keyId, String issuerId, String type, String privateKeyPem, JsonNode json) {
    /** The key, ready for {@link AppStoreConnectClient#builder}; individual keys carry no issuer. */
    public ApiKeyFile apiKeyFile() {
      return ApiKeyFile.fromPem(keyId, "INDIVIDUAL".equals(type) ? null : issuerId, privateKeyPem);
    }
  }

  /** A TEAM key with these roles in the first team. */
  public CreatedKey createKey(String... roles) {
    return createKey(List.of(roles), "TEAM", null);
  }

  /** A key of {@code type} (TEAM, INDIVIDUAL, IN_APP_PURCHASE, SIGN_IN_WITH_APPLE) in a team (null: the first). */
  public CreatedKey createKey(List<String> roles, String type, String issuerIdOrNull) {
    ObjectNode body = JSON.createObjectNode().put("type", type);
    if (!roles.isEmpty()) {
      roles.forEach(body.putArray("roles")::add);
    }
    if (issuerIdOrNull != null) {
      body.put("issuerId", issuerIdOrNull);
    }
    JsonNode k = call("POST", "/_braeburn/keys", body, null);
    return new CreatedKey(k.path("keyId").asText(), k.path("issuerId").asText(null), type, k.path("privateKey").asText(), k);
  }

  public JsonNode keys() {
    return call("GET", "/_braeburn/keys", null, null);
  }

  /** Revokes a key at once, cached tokens included. */
  public void revokeKey(String keyId) {
    call("DELETE", "/_braeburn/keys/" + encode(keyId), null, null);
  }

  // ---- clock ----

  /** {@code {"now","frozen","offsetSeconds"}}. */
  public JsonNode clock() {
    return call("GET", "/_braeburn/clock", null, null);
  }

  public JsonNode freezeClock() {
    return call("POST", "/_braeburn/clock/freeze", null, null);
  }

  public JsonNode resumeClock() {
    return call("POST", "/_braeburn/clock/resume", null, null);
  }

  /** Moves the virtual clock forward, running what comes due; whole seconds. */
  public JsonNode advanceClock(Duration by) {
    return call("POST", "/_braeburn/clock/advance", JSON.createObjectNode().put("seconds", by.getSeconds()), null);
  }

  // ---- snapshots and reset ----

  /** The whole server's snapshot, or one team's. */
  public JsonNode snapshot(String issuerOrNull) {
    return call("GET", "/_braeburn/snapshot", null, issuerOrNull);
  }

  /** Loads a snapshot; with an issuer, only a snapshot of that team is accepted. Row counts. */
  public JsonNode loadSnapshot(JsonNode snapshot, String issuerOrNull) {
    return call("POST", "/_braeburn/snapshot", snapshot, issuerOrNull);
  }

  /** Removes all resources (of one team with an issuer); keys stay. */
  public void reset(String issuerOrNull) {
    call("POST", "/_braeburn/reset", null, issuerOrNull);
  }

  // ---- faults ----

  /** Adds a fault rule, e.g. {@code {"match":{"path":"/v1/apps"},"fault":{"type":"error","status":429},"count":2}}. */
  public JsonNode addFault(JsonNode rule) {
    return call("POST", "/_braeburn/faults", rule, null);
  }

  /** As {@link #addFault(JsonNode)} from JSON text. */
  public JsonNode addFault(String ruleJson) {
    return addFault(read(ruleJson));
  }

  public JsonNode faults() {
    return call("GET", "/_braeburn/faults", null, null);
  }

  public void removeFault(String id) {
    call("DELETE", "/_braeburn/faults/" + encode(id), null, null);
  }

  public void clearFaults() {
    call("DELETE", "/_braeburn/faults", null, null);
  }

  // ---- quirks ----

  public JsonNode quirks(String issuerOrNull) {
    return call("GET", "/_braeburn/quirks", null, issuerOrNull);
  }

  /** Switches a quirk on for a team, with settings (null or {} for the defaults). */
  public JsonNode putQuirk(String name, JsonNode settingsOrNull, String issuerOrNull) {
    return call("PUT", "/_braeburn/quirks/" + encode(name), settingsOrNull, issuerOrNull);
  }

  /** Switches a quirk off for a team. */
  public void deleteQuirk(String name, String issuerOrNull) {
    call("DELETE", "/_braeburn/quirks/" + encode(name), null, issuerOrNull);
  }

  // ---- teams and keys: settings ----

  /**
   * {@code PATCH /_braeburn/teams/{issuerId}}: {@code agreementsMissing} (every request of the team
   * gets Apple's agreements 403) and {@code programMembership} ({@code ACTIVE}, {@code EXPIRED},
   * {@code NONE}); null leaves a setting as it is. The team afterwards.
   */
  public JsonNode updateTeam(String issuerId, Boolean agreementsMissingOrNull, String programMembershipOrNull) {
    ObjectNode body = JSON.createObjectNode();
    if (agreementsMissingOrNull != null) {
      body.put("agreementsMissing", agreementsMissingOrNull);
    }
    if (programMembershipOrNull != null) {
      body.put("programMembership", programMembershipOrNull);
    }
    return call("PATCH", "/_braeburn/teams/" + encode(issuerId), body, null);
  }

  /** {@code PATCH /_braeburn/keys/{keyId}} {@code {"hourlyLimit"}}: the key's own hourly limit; 0 = off, null = the server's. */
  public JsonNode updateKeyHourlyLimit(String keyId, Integer hourlyLimitOrNull) {
    ObjectNode body = JSON.createObjectNode();
    if (hourlyLimitOrNull == null) {
      body.putNull("hourlyLimit");
    } else {
      body.put("hourlyLimit", hourlyLimitOrNull);
    }
    return call("PATCH", "/_braeburn/keys/" + encode(keyId), body, null);
  }

  // ---- the request journal and tokens ----

  /** {@code GET /_braeburn/requests}: the journal, newest first, filtered. */
  public List<JournalEntry> requests(RequestFilter filter) {
    List<JournalEntry> entries = new ArrayList<>();
    call("GET", withQuery("/_braeburn/requests", filter.query()), null, null).path("data").forEach(e -> entries.add(JournalEntry.of(e)));
    return entries;
  }

  /** {@code DELETE /_braeburn/requests}: empties the journal. */
  public void clearRequests() {
    call("DELETE", "/_braeburn/requests", null, null);
  }

  /** {@code POST /_braeburn/tokens/explain}: every check on a token and its outcome ({@code accepted}, {@code checks}, {@code reason}). */
  public JsonNode explainToken(String jwt) {
    return call("POST", "/_braeburn/tokens/explain", JSON.createObjectNode().put("token", jwt), null);
  }

  // ---- scheduled work ----

  /** {@code GET /_braeburn/tasks}: work scheduled on the clock, soonest first ({@code data[]} of {@code id, issuerId, kind, dueAt, attempt, payload}). */
  public JsonNode tasks(String issuerIdOrNull, Integer limitOrNull) {
    Map<String, String> q = new LinkedHashMap<>();
    putIf(q, "issuerId", issuerIdOrNull);
    putIf(q, "limit", limitOrNull);
    return call("GET", withQuery("/_braeburn/tasks", q), null, null);
  }

  // ---- resources ----

  /** {@code POST /_braeburn/resources}: inserts {@code {"data":[…]}}, any type; what arrives in flight gets its scheduled work. */
  public JsonNode loadResources(JsonNode document, String issuerOrNull) {
    return call("POST", "/_braeburn/resources", document, issuerOrNull);
  }

  /** {@code GET /_braeburn/resources}: the team's resource types and how many of each, in the server's order. */
  public Map<String, Long> resourceTypes(String issuerOrNull) {
    Map<String, Long> counts = new LinkedHashMap<>();
    call("GET", "/_braeburn/resources", null, issuerOrNull).path("data")
        .forEach(t -> counts.put(t.path("type").asText(), t.path("count").asLong()));
    return counts;
  }

  /** {@code GET /_braeburn/resources?type=&limit=&cursor=}: one page of a type (limit 1–200, null: 50; cursor from {@code links.next}). */
  public JsonNode resources(String type, Integer limitOrNull, String cursorOrNull, String issuerOrNull) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("type", type);
    putIf(q, "limit", limitOrNull);
    putIf(q, "cursor", cursorOrNull);
    return call("GET", withQuery("/_braeburn/resources", q), null, issuerOrNull);
  }

  /** Every stored resource of a type, following {@code links.next} page after page. */
  public List<JsonNode> allResources(String type, String issuerOrNull) {
    List<JsonNode> all = new ArrayList<>();
    JsonNode page = resources(type, 200, null, issuerOrNull);
    Set<String> seen = new HashSet<>();
    while (true) {
      page.path("data").forEach(all::add);
      String next = JournalEntry.text(page.path("links"), "next");
      if (next == null || page.path("data").isEmpty() || !seen.add(next)) {
        return all;
      }
      page = call("GET", next, null, issuerOrNull);
    }
  }

  /** {@code GET /_braeburn/resources/{type}/{id}}: one stored resource with every stored relationship. */
  public JsonNode resource(String type, String id, String issuerOrNull) {
    return call("GET", "/_braeburn/resources/" + encode(type) + "/" + encode(id), null, issuerOrNull);
  }

  // ---- webhooks ----

  /**
   * {@code POST /_braeburn/webhooks/events}: announces one of the webhook events (e.g.
   * {@code APP_STORE_VERSION_APP_VERSION_STATE_UPDATED}) to the app's webhooks; attributes and
   * instance may be null.
   */
  public JsonNode injectWebhookEvent(String appId, String eventType, JsonNode attributesOrNull, JsonNode instanceOrNull, String issuerOrNull) {
    ObjectNode body = JSON.createObjectNode().put("appId", appId).put("eventType", eventType);
    if (attributesOrNull != null) {
      body.set("attributes", attributesOrNull);
    }
    if (instanceOrNull != null) {
      body.set("instance", instanceOrNull);
    }
    return call("POST", "/_braeburn/webhooks/events", body, issuerOrNull);
  }

  /** {@code GET /_braeburn/webhooks/deliveries[?appId=]}: the team's webhooks, each with its deliveries newest first. */
  public JsonNode webhookDeliveries(String appIdOrNull, String issuerOrNull) {
    Map<String, String> q = new LinkedHashMap<>();
    putIf(q, "appId", appIdOrNull);
    return call("GET", withQuery("/_braeburn/webhooks/deliveries", q), null, issuerOrNull);
  }

  /** {@code POST /_braeburn/webhooks/deliveries/{id}/redeliver}: sends a delivery's event again. */
  public JsonNode redeliverWebhook(String deliveryId, String issuerOrNull) {
    return call("POST", "/_braeburn/webhooks/deliveries/" + encode(deliveryId) + "/redeliver", null, issuerOrNull);
  }

  // ---- reviews ----

  /** {@code POST /_braeburn/betaReviews/{submissionId}}: decides a TestFlight submission, {@code APPROVED} or {@code REJECTED}. */
  public JsonNode decideBetaReview(String submissionId, String decision, String issuerOrNull) {
    return call("POST", "/_braeburn/betaReviews/" + encode(submissionId), decision(decision, null), issuerOrNull);
  }

  /** {@code GET /_braeburn/betaReviews/pending}: TestFlight submissions waiting for Beta App Review. */
  public List<PendingReview> pendingBetaReviews(String issuerOrNull) {
    return PendingReview.list(call("GET", "/_braeburn/betaReviews/pending", null, issuerOrNull));
  }

  /** {@code GET /_braeburn/betaReviews}: auto-approval settings ({@code autoApprove}, {@code autoApproveAfterHours}). */
  public JsonNode betaReviewSettings(String issuerOrNull) {
    return call("GET", "/_braeburn/betaReviews", null, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/betaReviews} {@code {"autoApprove"?, "autoApproveAfterHours"?}}. */
  public JsonNode updateBetaReviewSettings(JsonNode settings, String issuerOrNull) {
    return call("PATCH", "/_braeburn/betaReviews", settings, issuerOrNull);
  }

  /** {@code POST /_braeburn/appReviews/{reviewSubmissionId}}: App Review's decision, with a rejection reason (or null). */
  public JsonNode decideAppReview(String reviewSubmissionId, String decision, String reasonOrNull, String issuerOrNull) {
    return call("POST", "/_braeburn/appReviews/" + encode(reviewSubmissionId), decision(decision, reasonOrNull), issuerOrNull);
  }

  /** {@code GET /_braeburn/appReviews/{reviewSubmissionId}}: its state, schedule and rejection reason. */
  public JsonNode appReview(String reviewSubmissionId, String issuerOrNull) {
    return call("GET", "/_braeburn/appReviews/" + encode(reviewSubmissionId), null, issuerOrNull);
  }

  /** {@code GET /_braeburn/appReviews/pending}: review submissions waiting for App Review. */
  public List<PendingReview> pendingAppReviews(String issuerOrNull) {
    return PendingReview.list(call("GET", "/_braeburn/appReviews/pending", null, issuerOrNull));
  }

  /** {@code GET /_braeburn/appReviews}: App Review's auto-approval settings. */
  public JsonNode appReviewSettings(String issuerOrNull) {
    return call("GET", "/_braeburn/appReviews", null, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/appReviews} {@code {"autoApprove"?, "autoApproveAfterHours"?}}. */
  public JsonNode updateAppReviewSettings(JsonNode settings, String issuerOrNull) {
    return call("PATCH", "/_braeburn/appReviews", settings, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/appReviews/apps/{appId}} {@code {"dataUsagesPublished"}}: the App Privacy answers no public API sets. */
  public JsonNode updateAppPrivacy(String appId, boolean dataUsagesPublished, String issuerOrNull) {
    return call("PATCH", "/_braeburn/appReviews/apps/" + encode(appId),
        JSON.createObjectNode().put("dataUsagesPublished", dataUsagesPublished), issuerOrNull);
  }

  /**
   * {@code POST /_braeburn/productReviews/{inAppPurchases|subscriptions}/{id}}: App Review for a
   * product reviewed on its own, {@code APPROVED}, {@code REJECTED} or {@code DEVELOPER_ACTION_NEEDED}.
   */
  public JsonNode decideProductReview(String productType, String id, String decision, String issuerOrNull) {
    return call("POST", "/_braeburn/productReviews/" + encode(productType) + "/" + encode(id), decision(decision, null), issuerOrNull);
  }

  /** {@code GET /_braeburn/productReviews/{inAppPurchases|subscriptions}/{id}}. */
  public JsonNode productReview(String productType, String id, String issuerOrNull) {
    return call("GET", "/_braeburn/productReviews/" + encode(productType) + "/" + encode(id), null, issuerOrNull);
  }

  /** {@code GET /_braeburn/productReviews/pending}: products waiting for App Review on their own. */
  public List<PendingReview> pendingProductReviews(String issuerOrNull) {
    return PendingReview.list(call("GET", "/_braeburn/productReviews/pending", null, issuerOrNull));
  }

  // ---- storekit (App Store Server API) ----

  /**
   * {@code POST /_braeburn/storekit/purchases} {@code {"bundleId","productId","quantity"?,…}}: a
   * customer buys, Apple's notification goes out.
   */
  public Purchase purchase(JsonNode purchase, String issuerOrNull) {
    return Purchase.of(call("POST", "/_braeburn/storekit/purchases", purchase, issuerOrNull));
  }

  /** As {@link #purchase(JsonNode, String)} for the common case: one of a product. */
  public Purchase purchase(String bundleId, String productId, String issuerOrNull) {
    return purchase(JSON.createObjectNode().put("bundleId", bundleId).put("productId", productId), issuerOrNull);
  }

  /** {@code POST /_braeburn/storekit/subscriptions/{originalTransactionId}/events} {@code {"type":"RENEW|FAIL_RENEWAL|EXPIRE|…"}}. */
  public JsonNode subscriptionEvent(String originalTransactionId, String type, String issuerOrNull) {
    return call("POST", "/_braeburn/storekit/subscriptions/" + encode(originalTransactionId) + "/events",
        JSON.createObjectNode().put("type", type), issuerOrNull);
  }

  /** {@code GET /_braeburn/storekit/apps[/{appId}]}: the App Store Server API environment, the team's (appId null) or one app's. */
  public JsonNode storekitEnvironment(String appIdOrNull, String issuerOrNull) {
    return call("GET", "/_braeburn/storekit/apps" + (appIdOrNull == null ? "" : "/" + encode(appIdOrNull)), null, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/storekit/apps[/{appId}]} {@code {"environment":"Sandbox"|"Production"|null}}. */
  public JsonNode updateStorekitEnvironment(String appIdOrNull, String environmentOrNull, String issuerOrNull) {
    ObjectNode body = JSON.createObjectNode();
    if (environmentOrNull == null) {
      body.putNull("environment");
    } else {
      body.put("environment", environmentOrNull);
    }
    return call("PATCH", "/_braeburn/storekit/apps" + (appIdOrNull == null ? "" : "/" + encode(appIdOrNull)), body, issuerOrNull);
  }

  /** {@code GET /_braeburn/storekit/subscriptions/{originalTransactionId}}: where a subscription stands. */
  public JsonNode subscription(String originalTransactionId, String issuerOrNull) {
    return call("GET", "/_braeburn/storekit/subscriptions/" + encode(originalTransactionId), null, issuerOrNull);
  }

  /** {@code POST /_braeburn/storekit/refundRequests} {@code {"transactionId","reason"}}: decided 12 h later on the clock. */
  public JsonNode requestRefund(String transactionId, String reason, String issuerOrNull) {
    return call("POST", "/_braeburn/storekit/refundRequests",
        JSON.createObjectNode().put("transactionId", transactionId).put("reason", reason), issuerOrNull);
  }

  /** {@code GET /_braeburn/storekit/refundRequests/{transactionId}}. */
  public JsonNode refundRequest(String transactionId, String issuerOrNull) {
    return call("GET", "/_braeburn/storekit/refundRequests/" + encode(transactionId), null, issuerOrNull);
  }

  /** {@code POST /_braeburn/storekit/notifications}: announces any App Store Server Notification. */
  public JsonNode sendNotification(JsonNode notification, String issuerOrNull) {
    return call("POST", "/_braeburn/storekit/notifications", notification, issuerOrNull);
  }

  /** {@code GET /_braeburn/storekit/notifications/{notificationUUID}}: one notification with its send attempts. */
  public JsonNode notification(String notificationUuid, String issuerOrNull) {
    return call("GET", "/_braeburn/storekit/notifications/" + encode(notificationUuid), null, issuerOrNull);
  }

  // ---- metrics ----

  /** {@code GET /_braeburn/metrics/apps}: the team's apps a summary can be asked for. */
  public JsonNode metricsApps(String issuerOrNull) {
    return call("GET", "/_braeburn/metrics/apps", null, issuerOrNull);
  }

  /** {@code GET /_braeburn/metrics/apps/{appId}[?from=&to=]}: usage and sales per day and in total (dates {@code yyyy-MM-dd} or null). */
  public JsonNode metricsSummary(String appId, String fromOrNull, String toOrNull, String issuerOrNull) {
    Map<String, String> q = new LinkedHashMap<>();
    putIf(q, "from", fromOrNull);
    putIf(q, "to", toOrNull);
    return call("GET", withQuery("/_braeburn/metrics/apps/" + encode(appId), q), null, issuerOrNull);
  }

  /** {@code GET /_braeburn/metrics/apps/{appId}/model}: the app's usage model as it stands. */
  public JsonNode metricsModel(String appId, String issuerOrNull) {
    return call("GET", "/_braeburn/metrics/apps/" + encode(appId) + "/model", null, issuerOrNull);
  }

  /** {@code GET /_braeburn/reports/scenarios}: how analytics reports misbehave for the team. */
  public JsonNode reportScenarios(String issuerOrNull) {
    return call("GET", "/_braeburn/reports/scenarios", null, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/reports/scenarios}, e.g. {@code {"delayedFirstInstances":true}}. */
  public JsonNode updateReportScenarios(JsonNode scenarios, String issuerOrNull) {
    return call("PATCH", "/_braeburn/reports/scenarios", scenarios, issuerOrNull);
  }

  /** {@code PATCH /_braeburn/metrics/apps/{appId}/model}: tunes the app's usage model, e.g. {@code {"dailyDownloads":5000}}. */
  public JsonNode updateMetricsModel(String appId, JsonNode model, String issuerOrNull) {
    return call("PATCH", "/_braeburn/metrics/apps/" + encode(appId) + "/model", model, issuerOrNull);
  }

  // ---- TestFlight feedback and build uploads ----

  /** {@code POST /_braeburn/betaFeedback} {@code {"type":"screenshot"|"crash","buildId","testerId","comment"?}}: a tester's feedback. */
  public JsonNode betaFeedback(JsonNode feedback, String issuerOrNull) {
    return call("POST", "/_braeburn/betaFeedback", feedback, issuerOrNull);
  }

  /**
   * {@code POST /_braeburn/uploads/failures}: the app's next builds fail processing as
   * {@code INVALID_BINARY}, {@code PROCESSING_FAILED} or {@code MISSING_EXPORT_COMPLIANCE}; null clears it.
   */
  public JsonNode setUploadFailure(String appId, String failureOrNull, String issuerOrNull) {
    ObjectNode body = JSON.createObjectNode().put("appId", appId);
    if (failureOrNull == null) {
      body.putNull("failure");
    } else {
      body.put("failure", failureOrNull);
    }
    return call("POST", "/_braeburn/uploads/failures", body, issuerOrNull);
  }

  /** {@code GET /_braeburn/uploads/failures?appId=}. */
  public JsonNode uploadFailure(String appId, String issuerOrNull) {
    return call("GET", withQuery("/_braeburn/uploads/failures", Map.of("appId", appId)), null, issuerOrNull);
  }

  // ---- any route ----

  /** Any admin call; the answer's JSON (a missing node for an empty body). */
  public JsonNode call(String method, String path, JsonNode bodyOrNull, String issuerOrNull) {
    String url = baseUrl + path;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + adminToken)
        .method(method, bodyOrNull == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(bodyOrNull.toString()));
    if (bodyOrNull != null) {
      b.header("Content-Type", "application/json");
    }
    if (issuerOrNull != null) {
      b.header("X-Braeburn-Issuer", issuerOrNull);
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + url, e);
    }
    JsonNode json = r.body() == null || r.body().isEmpty() ? JSON.missingNode() : readOrNull(r.body());
    if (r.statusCode() < 200 || r.statusCode() >= 300) {
      throw new ApiErrorException(method, url, r.statusCode(), json, r.body(), r.headers().firstValue("X-Braeburn-Diagnosis").orElse(null));
    }
    return json == null ? JSON.getNodeFactory().textNode(r.body()) : json;
  }

  private static ObjectNode decision(String decision, String reasonOrNull) {
    ObjectNode body = JSON.createObjectNode().put("decision", Objects.requireNonNull(decision, "decision"));
    if (reasonOrNull != null) {
      body.put("reason", reasonOrNull);
    }
    return body;
  }

  private static void putIf(Map<String, String> query, String name, Object valueOrNull) {
    if (valueOrNull != null) {
      query.put(name, String.valueOf(valueOrNull));
    }
  }

  /** {@code path?name=value&…}, URL-encoded; the path alone without parameters. */
  static String withQuery(String path, Map<String, String> query) {
    StringBuilder s = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      s.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return s.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static JsonNode readOrNull(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
