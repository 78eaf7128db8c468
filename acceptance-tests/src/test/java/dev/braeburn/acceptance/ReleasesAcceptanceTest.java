package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.ReleaseWorld.APP;
import static dev.braeburn.acceptance.ReleaseWorld.LIVE;
import static dev.braeburn.acceptance.ReleaseWorld.LIVE_INFO;
import static dev.braeburn.acceptance.ReleaseWorld.refused;
import static dev.braeburn.acceptance.ReleaseWorld.versionBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Releasing (review-pipeline.md §4.5–4.6) over HTTP on the virtual clock: a MANUAL version waiting
 * in PENDING_DEVELOPER_RELEASE (loaded through the admin API) released by a release request — the
 * live version replaced, the app infos rolled over, every state change announced by webhook — and
 * phased releases from INACTIVE to 100 % over seven days, with pauses, the automatic resume after
 * 30 days, early completion and Apple's refusals.
 */
class ReleasesAcceptanceTest {
  static final String PENDING = "hl-version-1-1-0";
  static final String NEXT_INFO = "hl-info-next";
  static final long DAY = 86_400;

  private TestServer server;
  private ReleaseWorld world;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    // approved, MANUAL, waiting for its release request; the app info that goes live with it
    world = ReleaseWorld.start(w -> w.version(PENDING, "IOS", "1.1.0", "PENDING_DEVELOPER_RELEASE",
            "\"releaseType\":\"MANUAL\",\"createdDate\":\"2026-07-01T10:00:00Z\"", "build=builds:" + ReleaseWorld.VALID_BUILD)
        .resource("appInfos", NEXT_INFO, "{\"state\":\"PENDING_RELEASE\",\"appStoreState\":\"PENDING_DEVELOPER_RELEASE\"}", "app=apps:" + APP));
    server = world.server;
    receiver = world.receiver;
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  private static String releaseRequest(String versionId) {
    return "{\"data\":{\"type\":\"appStoreVersionReleaseRequests\",\"relationships\":{\"appStoreVersion\":{\"data\":"
        + "{\"type\":\"appStoreVersions\",\"id\":\"" + versionId + "\"}}}}}";
  }

  private static String phasedRelease(String versionId, String state) {
    return "{\"data\":{\"type\":\"appStoreVersionPhasedReleases\",\"attributes\":{\"phasedReleaseState\":\"" + state + "\"},"
        + "\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"" + versionId + "\"}}}}}";
  }

  private static String patchPhased(String id, String state) {
    return "{\"data\":{\"type\":\"appStoreVersionPhasedReleases\",\"id\":\"" + id + "\",\"attributes\":{\"phasedReleaseState\":\"" + state + "\"}}}";
  }

  private String createPhased(String versionId) {
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersionPhasedReleases", phasedRelease(versionId, "INACTIVE"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode a = r.json().at("/data/attributes");
    assertThat(a.path("phasedReleaseState").asText()).isEqualTo("INACTIVE");
    assertThat(a.path("totalPauseDuration").asInt()).isZero();
    assertThat(a.path("startDate").isNull()).isTrue();
    assertThat(a.path("currentDayNumber").isNull()).isTrue();
    return r.json().at("/data/id").asText();
  }

  private void releaseNow(String versionId) {
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersionReleaseRequests", releaseRequest(versionId));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private JsonNode phased(String versionId) {
    return world.get("/v1/appStoreVersions/" + versionId + "/appStoreVersionPhasedRelease").path("data");
  }

  private JsonNode patch(String id, String state) {
    TestServer.Reply r = server.send("PATCH", "/v1/appStoreVersionPhasedReleases/" + id, patchPhased(id, state));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/attributes");
  }

  private void expectDay(int day, String state) {
    JsonNode a = phased(PENDING).path("attributes");
    assertThat(a.path("phasedReleaseState").asText()).as("state on day " + day).isEqualTo(state);
    assertThat(a.path("currentDayNumber").asInt()).isEqualTo(day);
  }

  @Test
  void aReleaseRequestPutsThePendingVersionLiveReplacesTheOldOneAndRollsTheAppInfosOver() {
    Instant at = world.now();
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersionReleaseRequests", releaseRequest(PENDING));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String requestId = r.json().at("/data/id").asText();
    assertThat(r.json().at("/data/type").asText()).isEqualTo("appStoreVersionReleaseRequests");
    assertThat(r.header("location")).endsWith("/v1/appStoreVersionReleaseRequests/" + requestId);

    // live at once, as the API showed READY_FOR_SALE right after the request (review-pipeline.md §4.2)
    JsonNode released = world.attributes("appStoreVersions", PENDING);
    assertThat(released.path("appVersionState").asText()).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(released.path("appStoreState").asText()).isEqualTo("READY_FOR_SALE");
    JsonNode old = world.attributes("appStoreVersions", LIVE);
    assertThat(old.path("appVersionState").asText()).isEqualTo("REPLACED_WITH_NEW_VERSION");
    assertThat(old.path("appStoreState").asText()).isEqualTo("REPLACED_WITH_NEW_VERSION");
    assertThat(world.attributes("appInfos", LIVE_INFO).path("state").asText()).isEqualTo("REPLACED_WITH_NEW_INFO");
    assertThat(world.attributes("appInfos", NEXT_INFO).path("state").asText()).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(world.attributes("appInfos", NEXT_INFO).path("appStoreState").asText()).isEqualTo("READY_FOR_SALE");
    assertThat(phased(PENDING).isNull()).as("no phased release: GET answers data null").isTrue();

    // every change announced, in order, at the time of the request
    world.advance(0);
    assertThat(ReleaseWorld.versionEvents(receiver)).containsExactly(
        PENDING + " PENDING_DEVELOPER_RELEASE→PROCESSING_FOR_DISTRIBUTION",
        PENDING + " PROCESSING_FOR_DISTRIBUTION→READY_FOR_DISTRIBUTION",
        LIVE + " READY_FOR_DISTRIBUTION→REPLACED_WITH_NEW_VERSION");
    for (JsonNode event : receiver.of(ReleaseWorld.VERSION_EVENT)) {
      assertThat(event.at("/data/relationships/instance/data/type").asText()).isEqualTo("appStoreVersions");
      assertThat(Instant.parse(event.at("/data/attributes/timestamp").asText()).getEpochSecond()).isEqualTo(at.getEpochSecond());
    }

    // released once: a second request is refused
    refused(server.send("POST", "/v1/appStoreVersionReleaseRequests", releaseRequest(PENDING)), 409, List.of(List.of("STATE_ERROR",
        "The request cannot be fulfilled because of the state of another resource.",
        "The App Store version is not pending developer release and cannot be released.", "/data/relationships/appStoreVersion")),
        "PENDING_DEVELOPER_RELEASE", "it is READY_FOR_DISTRIBUTION");
  }

  @Test
  void onlyAVersionPendingDeveloperReleaseIsReleasedByARequest() {
    String open = server.send("POST", "/v1/appStoreVersions", versionBody("MAC_OS", "1.1.0", "")).json().at("/data/id").asText();
    refused(server.send("POST", "/v1/appStoreVersionReleaseRequests", releaseRequest(open)), 409, List.of(List.of("STATE_ERROR",
        "The request cannot be fulfilled because of the state of another resource.",
        "The App Store version is not pending developer release and cannot be released.", "/data/relationships/appStoreVersion")),
        "it is PREPARE_FOR_SUBMISSION");
    assertThat(world.versionState(open)).isEqualTo("PREPARE_FOR_SUBMISSION");
    world.advance(0);
    assertThat(receiver.of(ReleaseWorld.VERSION_EVENT)).isEmpty();
  }

  @Test
  void aPhasedReleaseReachesEveryoneOverSevenDaysWithAPauseOnTheVirtualClock() {
    String id = createPhased(PENDING);
    assertThat(phased(PENDING).path("id").asText()).isEqualTo(id);
    Instant released = world.now();
    releaseNow(PENDING);
    JsonNode day1 = phased(PENDING).path("attributes");
    assertThat(day1.path("phasedReleaseState").asText()).isEqualTo("ACTIVE");
    assertThat(day1.path("currentDayNumber").asInt()).isEqualTo(1);
    assertThat(Instant.parse(day1.path("startDate").asText()).getEpochSecond()).isEqualTo(released.getEpochSecond());
    refused(server.send("DELETE", "/v1/appStoreVersionPhasedReleases/" + id, null), 409, List.of(Arrays.asList("STATE_ERROR.INVALID_STATE",
        "The request cannot be fulfilled because of the state of another resource.",
        "The appStoreVersionPhasedReleases with id '" + id + "' cannot be deleted in state ACTIVE.", null)), "INACTIVE");

    world.advance(DAY);
    expectDay(2, "ACTIVE");
    // paused for three days: the days stop
    assertThat(patch(id, "PAUSED").path("phasedReleaseState").asText()).isEqualTo("PAUSED");
    refused(server.send("PATCH", "/v1/appStoreVersionPhasedReleases/" + id, patchPhased(id, "PAUSED")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "The phased release already has this value",
            "/data/attributes/phasedReleaseState")), "already PAUSED");
    world.advance(3 * DAY);
    expectDay(2, "PAUSED");
    JsonNode resumed = patch(id, "ACTIVE");
    assertThat(resumed.path("phasedReleaseState").asText()).isEqualTo("ACTIVE");
    assertThat(resumed.path("totalPauseDuration").asInt()).as("days paused").isEqualTo(3);
    // day 2 goes on where it stopped: a full day after the pause began
    world.advance(DAY - 1);
    expectDay(2, "ACTIVE");
    world.advance(1);
    expectDay(3, "ACTIVE");
    for (int day = 4; day <= 7; day++) {
      world.advance(DAY);
      expectDay(day, "ACTIVE");
    }
    world.advance(DAY);
    expectDay(7, "COMPLETE");
    JsonNode done = phased(PENDING).path("attributes");
    assertThat(done.path("totalPauseDuration").asInt()).isEqualTo(3);
    assertThat(Instant.parse(done.path("startDate").asText()).getEpochSecond()).isEqualTo(released.getEpochSecond());
    refused(server.send("PATCH", "/v1/appStoreVersionPhasedReleases/" + id, patchPhased(id, "ACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", "An attribute value is not acceptable for the current resource state.",
            "The phased release cannot change from COMPLETE to ACTIVE.", "/data/attributes/phasedReleaseState")), "COMPLETE is final");
    world.advance(10 * DAY);
    expectDay(7, "COMPLETE");
    assertThat(world.versionState(PENDING)).isEqualTo("READY_FOR_DISTRIBUTION");
  }

  @Test
  void aPauseEndsByItselfAfterThirtyDaysAndReleaseToAllUsersCompletesIt() {
    String id = createPhased(PENDING);
    releaseNow(PENDING);
    patch(id, "PAUSED");
    world.advance(30 * DAY - 1);
    expectDay(1, "PAUSED");
    world.advance(1);
    expectDay(1, "ACTIVE");
    assertThat(phased(PENDING).at("/attributes/totalPauseDuration").asInt()).isEqualTo(30);
    world.advance(DAY);
    expectDay(2, "ACTIVE");
    // pauses count together: 30 days in all, so the next pause ends at once
    patch(id, "PAUSED");
    world.advance(0);
    expectDay(2, "ACTIVE");
    // "Release to all users"
    JsonNode complete = patch(id, "COMPLETE");
    assertThat(complete.path("phasedReleaseState").asText()).isEqualTo("COMPLETE");
    world.advance(8 * DAY);
    expectDay(2, "COMPLETE");
  }

  @Test
  void phasedReleasesFollowApplesRules() {
    // none yet: data null, not 404
    TestServer.Reply none = server.get("/v1/appStoreVersions/" + LIVE + "/appStoreVersionPhasedRelease");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().path("data").isNull()).isTrue();
    // not for a version already live (the states Apple lists), not for a platform's first version
    String phasedPointer = "/data/relationships/appStoreVersion";
    refused(server.send("POST", "/v1/appStoreVersionPhasedReleases", phasedRelease(LIVE, "INACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
            "Phased release is not available for the App Store version in its current state.", phasedPointer)), "READY_FOR_DISTRIBUTION");
    String mac = server.send("POST", "/v1/appStoreVersions", versionBody("MAC_OS", "1.1.0", "")).json().at("/data/id").asText();
    refused(server.send("POST", "/v1/appStoreVersionPhasedReleases", phasedRelease(mac, "INACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
            "Phased release is not available for the first version of an app.", phasedPointer)), "first MAC_OS version");
    // created INACTIVE; Apple starts it
    refused(server.send("POST", "/v1/appStoreVersionPhasedReleases", phasedRelease(PENDING, "ACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", "An attribute value is not acceptable for the current resource state.",
            "A phased release is created INACTIVE and starts when its version is released; 'ACTIVE' is not allowed.",
            "/data/attributes/phasedReleaseState")), "released");
    String id = createPhased(PENDING);
    refused(server.send("POST", "/v1/appStoreVersionPhasedReleases", phasedRelease(PENDING, "INACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", "The provided entity includes an attribute with a value that has already been used",
            "The App Store version already has a phased release.", phasedPointer)), id);
    assertThat(phased(PENDING).path("id").asText()).as("the first one stays the version's").isEqualTo(id);
    refused(server.send("PATCH", "/v1/appStoreVersionPhasedReleases/" + id, patchPhased(id, "INACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "The phased release already has this value",
            "/data/attributes/phasedReleaseState")));
    refused(server.send("PATCH", "/v1/appStoreVersionPhasedReleases/" + id, patchPhased(id, "ACTIVE")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", "An attribute value is not acceptable for the current resource state.",
            "The phased release cannot change from INACTIVE to ACTIVE.", "/data/attributes/phasedReleaseState")), "Apple starts it");
    // turning phasing off before release
    assertThat(server.send("DELETE", "/v1/appStoreVersionPhasedReleases/" + id, null).status()).isEqualTo(204);
    assertThat(phased(PENDING).isNull()).isTrue();
    releaseNow(PENDING);
    assertThat(phased(PENDING).isNull()).isTrue();
  }
}
