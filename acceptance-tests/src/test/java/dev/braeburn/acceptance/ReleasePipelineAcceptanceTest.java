package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.BuildUploads.PART;
import static dev.braeburn.acceptance.BuildUploads.md5;
import static dev.braeburn.acceptance.BuildUploads.slice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's headline demonstration: a release pipeline played exactly as a CI tool (fastlane-style)
 * plays it against App Store Connect, over real HTTP with ES256 tokens — webhook, a real .ipa
 * uploaded in concurrent parts, waiting for processing by polling as clients do (protocol.md
 * §6.3), the build's icon, export compliance, "What to Test", Beta App Review, an external group
 * and a tester who can then install the build — and the signed notifications a receiver got on the
 * way, in order (reports-webhooks.md §4). The admin API only moves the clock, decides the review
 * and sets up what a real account already has (the app's Beta App Review Information record).
 */
class ReleasePipelineAcceptanceTest {
  private static final String APP = "1600000001"; // demo seed: Tideline
  private static final String APP_NAME = "Tideline";
  private static final String BUNDLE_ID = "com.tidewaterlabs.tideline";
  private static final String SHORT_VERSION = "3.6.0"; // a new pre-release version
  private static final String BUILD_NUMBER = "512";
  private static final String SECRET = "ci-webhook-secret-5f2a";
  private static final long POLL_SECONDS = 30; // fastlane's default wait_processing_interval
  private static final String UPLOAD_EVENT = "buildUploadStateUpdated";
  private static final String BETA_EVENT = "buildBetaDetailExternalBuildStateUpdated";

  private TestServer server;
  private WebhookReceiver receiver;
  private BuildUploads uploads;
  private TestFlightCalls tf;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    receiver = new WebhookReceiver();
    uploads = new BuildUploads(server);
    tf = new TestFlightCalls(server);
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null), 200);
    // What every real app has: its Beta App Review Information record (Apple offers no POST for it), not yet filled in.
    ok(server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"betaAppReviewDetails\",\"id\":\"" + APP + "\","
        + "\"attributes\":{\"demoAccountRequired\":false},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}]}", null), 201);
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  @Test
  void aBuildGoesFromUploadToExternalTestersAndEveryStepIsAnnounced() throws Exception {
    // 1–2. a webhook for the app, subscribed to the build upload and external beta state events
    TestServer.Reply hook = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), SECRET,
        "BUILD_UPLOAD_STATE_UPDATED", "BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED"));
    ok(hook, 201);
    String webhookId = hook.json().at("/data/id").asText();

    // 3. upload a real .ipa: reserve, PUT every part (shuffled, concurrently, no JWT), commit with the MD5
    byte[] ipa = BuildUploads.ipa(APP_NAME, BUNDLE_ID, SHORT_VERSION, BUILD_NUMBER, true, true);
    assertThat((long) ipa.length).isGreaterThan(PART);
    Instant committedAt = now();
    String upload = uploads.createUpload(APP, SHORT_VERSION, BUILD_NUMBER);
    JsonNode file = uploads.reserve(upload, APP_NAME + ".ipa", ipa.length);
    List<JsonNode> operations = new ArrayList<>();
    file.at("/attributes/uploadOperations").forEach(operations::add);
    assertThat(operations).hasSizeGreaterThanOrEqualTo(2);
    Collections.shuffle(operations, new Random(5));
    List<CompletableFuture<HttpResponse<byte[]>>> puts = operations.stream().map(op -> uploads.putPartAsync(op, ipa)).toList();
    for (int i = 0; i < operations.size(); i++) {
      HttpResponse<byte[]> put = puts.get(i).join();
      assertThat(put.statusCode()).as("part " + operations.get(i).path("partNumber")).isEqualTo(200);
      assertThat(put.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"" + md5(slice(ipa, operations.get(i))) + "\"");
    }
    JsonNode committed = uploads.commit(file.path("id").asText(), md5(ipa), "MD5");
    assertThat(committed.at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");

    // 4. wait for processing as fastlane does: poll the upload and the build list between waits
    JsonNode found = waitForValidBuild(upload);
    JsonNode build = found.at("/data/0");
    String buildId = build.path("id").asText();
    assertThat(buildId).as("the build shares its upload's id (reports-webhooks.md §4)").isEqualTo(upload);
    assertThat(build.at("/attributes/version").asText()).isEqualTo(BUILD_NUMBER);
    assertThat(build.at("/relationships/buildUpload/data/id").asText()).isEqualTo(upload);
    assertThat(Docs.find(found.path("included"), "buildUploads").at("/attributes/state/state").asText()).isEqualTo("COMPLETE");
    JsonNode preRelease = Docs.find(found.path("included"), "preReleaseVersions");
    assertThat(preRelease.at("/attributes/version").asText()).isEqualTo(SHORT_VERSION);
    assertThat(preRelease.at("/attributes/platform").asText()).isEqualTo("IOS");
    JsonNode uploadWithBuild = server.get("/v1/buildUploads/" + upload + "?include=build").json();
    assertThat(uploadWithBuild.at("/data/relationships/build/data/id").asText()).isEqualTo(buildId);
    assertThat(uploadWithBuild.at("/data/attributes/uploadedDate").asText()).isNotEmpty();
    // fastlane finds the upload by versions; rk-style clients list the pre-release version's builds and match the upload
    assertThat(Docs.ids(server.get("/v1/apps/" + APP + "/buildUploads?filter[cfBundleShortVersionString]=" + SHORT_VERSION
        + "&filter[cfBundleVersion]=" + BUILD_NUMBER + "&limit=1"))).containsExactly(upload);
    JsonNode byVersion = server.get("/v1/builds?filter[preReleaseVersion]=" + preRelease.path("id").asText()
        + "&sort=-uploadedDate&include=buildUpload").json();
    assertThat(byVersion.at("/data/0/id").asText()).isEqualTo(buildId);
    assertThat(byVersion.at("/data/0/relationships/buildUpload/data/id").asText()).isEqualTo(upload);

    // 5. the build's icon, from the .ipa, at two sizes and formats
    JsonNode icons = server.get("/v1/builds/" + buildId + "/icons").json().path("data");
    assertThat(icons).hasSize(1);
    String template = icons.get(0).at("/attributes/iconAsset/templateUrl").asText();
    BufferedImage png = uploads.image(template, 180, 180, "png", "image/png");
    assertThat(new int[] {png.getWidth(), png.getHeight()}).containsExactly(180, 180);
    assertThat(new Color(png.getRGB(90, 90)).getRed()).as("the .ipa's red AppIcon").isGreaterThan(200);
    BufferedImage jpg = uploads.image(template, 64, 40, "jpg", "image/jpeg");
    assertThat(new int[] {jpg.getWidth(), jpg.getHeight()}).containsExactly(64, 40);

    // 6. TestFlight: export compliance (the Info.plist has no ITSAppUsesNonExemptEncryption, so it is unanswered)
    assertThat(build.at("/attributes/usesNonExemptEncryption").isNull()).isTrue();
    ok(server.send("PATCH", "/v1/builds/" + buildId,
        "{\"data\":{\"type\":\"builds\",\"id\":\"" + buildId + "\",\"attributes\":{\"usesNonExemptEncryption\":false}}}"), 200);
    assertThat(tf.externalState(buildId)).isEqualTo("READY_FOR_BETA_SUBMISSION");

    // "What to Test", when the build has none yet
    assertThat(Docs.ids(server.get("/v1/builds/" + buildId + "/betaBuildLocalizations"))).isEmpty();
    ok(server.send("POST", "/v1/betaBuildLocalizations", TestFlightCalls.localization(buildId, "en-US", "Tide alerts for your saved beaches")), 201);

    // Beta App Review Information: the CI tool fills in the contact
    TestServer.Reply reviewDetail = server.get("/v1/apps/" + APP + "/betaAppReviewDetail");
    ok(reviewDetail, 200);
    String reviewDetailId = reviewDetail.json().at("/data/id").asText();
    ok(server.send("PATCH", "/v1/betaAppReviewDetails/" + reviewDetailId, "{\"data\":{\"type\":\"betaAppReviewDetails\",\"id\":\""
        + reviewDetailId + "\",\"attributes\":{\"contactFirstName\":\"Nora\",\"contactLastName\":\"Castellanos\",\"contactPhone\":\"+1 415 555 0100\","
        + "\"contactEmail\":\"nora.castellanos@tidewaterlabs.example.com\",\"demoAccountRequired\":false}}}"), 200);

    // submit for Beta App Review; it starts an hour later; the reviewer approves
    Instant submittedAt = now();
    TestServer.Reply submission = tf.submit(buildId);
    ok(submission, 201);
    String submissionId = submission.json().at("/data/id").asText();
    assertThat(submission.json().at("/data/attributes/betaReviewState").asText()).isEqualTo("WAITING_FOR_REVIEW");
    advance(3_600);
    assertThat(reviewState(submissionId)).isEqualTo("IN_REVIEW");
    Instant approvedAt = now();
    ok(tf.decide(submissionId, "APPROVED"), 200);
    assertThat(reviewState(submissionId)).isEqualTo("APPROVED");
    assertThat(tf.externalState(buildId)).isEqualTo("BETA_APPROVED");

    // distribute to an external group and invite a tester to it; the tester can install the build
    String group = tf.createGroup(APP, "Release Candidates", false, "");
    ok(tf.link("builds", buildId, "betaGroups", "betaGroups", group), 204);
    assertThat(tf.externalState(buildId)).isEqualTo("IN_BETA_TESTING");
    TestServer.Reply tester = server.send("POST", "/v1/betaTesters", TestFlightCalls.testerBody("sam.okafor@example.org",
        "\"betaGroups\":{\"data\":[{\"type\":\"betaGroups\",\"id\":\"" + group + "\"}]}"));
    ok(tester, 201);
    assertThat(tester.json().at("/data/attributes/state").asText()).isEqualTo("INVITED");
    String testerId = tester.json().at("/data/id").asText();
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + testerId + "/builds"))).containsExactly(buildId);
    assertThat(Docs.ids(server.get("/v1/betaGroups/" + group + "/builds"))).containsExactly(buildId);

    // 7. every notification, signed, in Apple's shape and in order
    advance(0); // deliveries due now run before this returns
    // timestamps are the virtual time of each change (to the second: scheduled work is due at stored, rounded instants)
    Instant processedAt = committedAt.plus(Duration.ofMinutes(2));
    Instant validAt = processedAt.plus(Duration.ofMinutes(5));
    List<WebhookReceiver.Received> got = receiver.all();
    assertThat(got).extracting(r -> summary(r.json())).containsExactly(
        UPLOAD_EVENT + " AWAITING_UPLOAD→PROCESSING @" + seconds(committedAt),
        UPLOAD_EVENT + " PROCESSING→COMPLETE @" + seconds(processedAt),
        BETA_EVENT + " PROCESSING→READY_FOR_BETA_SUBMISSION @" + seconds(validAt),
        BETA_EVENT + " READY_FOR_BETA_SUBMISSION→WAITING_FOR_BETA_REVIEW @" + seconds(submittedAt),
        BETA_EVENT + " WAITING_FOR_BETA_REVIEW→IN_BETA_REVIEW @" + seconds(submittedAt.plusSeconds(3_600)),
        BETA_EVENT + " IN_BETA_REVIEW→BETA_APPROVED @" + seconds(approvedAt),
        BETA_EVENT + " BETA_APPROVED→IN_BETA_TESTING @" + seconds(approvedAt));
    Set<String> eventIds = new HashSet<>();
    for (WebhookReceiver.Received r : got) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/hook");
      assertThat(r.header("content-type")).isEqualTo("application/json");
      assertThat(r.header("x-apple-signature")).matches("hmacsha256=[0-9a-f]{64}");
      assertThat(r.signatureValidFor(SECRET)).as("signature of " + r.body()).isTrue();
      assertThat(r.signatureValidFor(SECRET + "x")).isFalse();
      JsonNode data = r.json().path("data");
      assertThat(r.json().properties()).extracting(Map.Entry::getKey).containsExactly("data");
      assertThat(data.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("type", "id", "version", "attributes", "relationships");
      assertThat(data.path("version").isInt() && data.path("version").asInt() == 1).as("version 1").isTrue();
      assertThat(eventIds.add(data.path("id").asText())).as("a new event id").isTrue();
      boolean uploadEvent = data.path("type").asText().equals(UPLOAD_EVENT);
      assertThat(data.path("attributes").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(uploadEvent
          ? new String[] {"oldState", "newState", "timestamp"} : new String[] {"oldExternalBuildState", "newExternalBuildState", "timestamp"});
      JsonNode instance = data.path("relationships");
      assertThat(instance.properties()).extracting(Map.Entry::getKey).containsExactly("instance");
      assertThat(instance.at("/instance/data/type").asText()).isEqualTo(uploadEvent ? "buildUploads" : "buildBetaDetails");
      assertThat(instance.at("/instance/data/id").asText()).isEqualTo(uploadEvent ? upload : buildId); // beta details share the build's id
    }

    // the delivery log says the same: every attempt succeeded, and each event's payload is the body received, byte for byte
    JsonNode log = server.get("/v1/webhooks/" + webhookId + "/deliveries?include=event&limit=50").json();
    assertThat(log.path("data")).hasSize(got.size());
    Map<String, String> payloads = new HashMap<>();
    log.path("included").forEach(e -> payloads.put(e.path("id").asText(), e.at("/attributes/payload").asText()));
    List<String> logged = new ArrayList<>();
    for (JsonNode delivery : log.path("data")) {
      assertThat(delivery.at("/attributes/deliveryState").asText()).isEqualTo("SUCCEEDED");
      logged.add(payloads.get(delivery.at("/relationships/event/data/id").asText()));
    }
    assertThat(logged).containsExactlyElementsOf(got.stream().map(WebhookReceiver.Received::body).toList());
  }

  /**
   * Polls {@code GET /v1/buildUploads/{id}} and {@code GET /v1/builds?filter[app]&filter[version]&filter[preReleaseVersion.version]}
   * (fastlane's build lookup) with the clock advanced by {@link #POLL_SECONDS} between polls, until
   * the build is VALID; checks the states seen on the way. Returns the build list that showed it VALID.
   */
  private JsonNode waitForValidBuild(String upload) {
    List<String> uploadStates = new ArrayList<>();
    List<String> buildStates = new ArrayList<>();
    for (int poll = 0; poll < 120; poll++) {
      if (poll > 0) {
        advance(POLL_SECONDS);
      }
      String state = server.get("/v1/buildUploads/" + upload).json().at("/data/attributes/state/state").asText();
      assertThat(state).as("upload state").isIn("PROCESSING", "COMPLETE");
      noteChange(uploadStates, state);
      TestServer.Reply builds = server.get("/v1/builds?filter[app]=" + APP + "&filter[version]=" + BUILD_NUMBER + "&filter[preReleaseVersion.version]="
          + SHORT_VERSION + "&sort=-uploadedDate&include=buildUpload,buildBetaDetail,preReleaseVersion");
      ok(builds, 200);
      JsonNode data = builds.json().path("data");
      assertThat(data.size()).as("builds of " + SHORT_VERSION + " (" + BUILD_NUMBER + ")").isLessThanOrEqualTo(1);
      String processing = data.isEmpty() ? "(no build)" : data.at("/0/attributes/processingState").asText();
      noteChange(buildStates, processing);
      if (processing.equals("VALID")) {
        assertThat(uploadStates).containsExactly("PROCESSING", "COMPLETE");
        assertThat(buildStates).containsExactly("(no build)", "PROCESSING", "VALID");
        return builds.json();
      }
    }
    throw new AssertionError("no VALID build after an hour of polling; upload states " + uploadStates + ", build states " + buildStates);
  }

  private static void noteChange(List<String> seen, String state) {
    if (seen.isEmpty() || !seen.getLast().equals(state)) {
      seen.add(state);
    }
  }

  /** "type old→new @timestamp" of a notification. */
  private static String summary(JsonNode notification) {
    JsonNode data = notification.path("data");
    JsonNode a = data.path("attributes");
    String change = data.path("type").asText().equals(UPLOAD_EVENT)
        ? a.path("oldState").asText() + "→" + a.path("newState").asText()
        : a.path("oldExternalBuildState").asText() + "→" + a.path("newExternalBuildState").asText();
    return data.path("type").asText() + " " + change + " @" + seconds(Instant.parse(a.path("timestamp").asText()));
  }

  private static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  private String reviewState(String submissionId) {
    TestServer.Reply r = server.get("/v1/betaAppReviewSubmissions/" + submissionId);
    ok(r, 200);
    return r.json().at("/data/attributes/betaReviewState").asText();
  }

  private Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  private void advance(long seconds) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null), 200);
  }

  private static void ok(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
