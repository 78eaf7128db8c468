package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * type-rules.json through the public API: what Apple sets on create, what a state forbids to
 * change (Apple's error on the wire, Braeburn's reason in X-Braeburn-Diagnosis and the journal),
 * and attributes fixed once set.
 */
class TypeRulesAcceptanceTest {
  static final String APP = "1600000001"; // demo seed
  static final String LIVE_VERSION = "ba28024c-f18c-56a8-9508-1f86dc90a930"; // READY_FOR_DISTRIBUTION
  static final String EDITABLE_VERSION = "5d5c052c-bea7-5784-9bda-0d855f39b81b"; // PREPARE_FOR_SUBMISSION
  static final String VALID_BUILD = "8651813e-830b-50dd-a1cd-d7d19fe1f47f";

  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply post(String path, String body) {
    return server.send("POST", path, body);
  }

  private JsonNode created(String path, String body) {
    TestServer.Reply r = post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  @Test
  void aNewVersionIsEditableAndDatedOnTheVirtualClock() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    TestServer.Reply advanced = server.admin("POST", "/_braeburn/clock/advance", "{\"days\":40}", null);
    Instant now = Instant.parse(advanced.json().path("now").asText()).truncatedTo(ChronoUnit.SECONDS);
    // the app's first macOS version (its iOS 3.5.0 is still open, and Apple allows one open version per platform)
    JsonNode version = created("/v1/appStoreVersions", "{\"data\":{\"type\":\"appStoreVersions\",\"attributes\":{\"platform\":\"MAC_OS\","
        + "\"versionString\":\"9.0\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}");
    JsonNode a = version.path("attributes");
    assertThat(a.path("appStoreState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(a.path("appVersionState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(a.path("downloadable").asBoolean()).isTrue();
    assertThat(Instant.parse(a.path("createdDate").asText())).isEqualTo(now);
    // what the 201 says is what is stored
    assertThat(server.get("/v1/appStoreVersions/" + version.path("id").asText()).json().path("data").path("attributes"))
        .isEqualTo(a);
  }

  @Test
  void aLiveVersionRefusesANewVersionStringWithApplesErrorAndSaysWhy() {
    TestServer.Reply r = server.send("PATCH", "/v1/appStoreVersions/" + LIVE_VERSION, "{\"data\":{\"type\":\"appStoreVersions\",\"id\":\""
        + LIVE_VERSION + "\",\"attributes\":{\"versionString\":\"3.4.9\",\"copyright\":\"2026 Braeburn\"}}}");
    assertThat(r.status()).isEqualTo(409);
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE");
    assertThat(error.path("title").asText()).isEqualTo("An attribute value is not acceptable for the current resource state.");
    assertThat(error.path("detail").asText()).isEqualTo("The attribute 'versionString' can not be modified.");
    assertThat(error.path("source").path("pointer").asText()).isEqualTo("/data/attributes/versionString");
    assertThat(r.json().path("errors")).hasSize(1); // copyright is not refused
    String diagnosis = r.header("x-braeburn-diagnosis");
    assertThat(diagnosis).contains("versionString").contains("appVersionState").contains("READY_FOR_DISTRIBUTION")
        .contains("PREPARE_FOR_SUBMISSION");
    JsonNode entry = server.admin("GET", "/_braeburn/requests?status=409", null, null).json().path("data").get(0);
    // the header is ASCII (a § becomes ?); the journal keeps the text as written
    assertThat(entry.path("diagnosis").asText()).contains("'versionString' may change only while appVersionState is")
        .contains("it is READY_FOR_DISTRIBUTION").contains("review-pipeline.md §3.1");
    // nothing was written
    assertThat(server.get("/v1/appStoreVersions/" + LIVE_VERSION).json().path("data").path("attributes").path("versionString").asText())
        .isEqualTo("3.4.1");
  }

  @Test
  void anUnchangedVersionStringAndOtherAttributesPassOnALiveVersion() {
    TestServer.Reply r = server.send("PATCH", "/v1/appStoreVersions/" + LIVE_VERSION, "{\"data\":{\"type\":\"appStoreVersions\",\"id\":\""
        + LIVE_VERSION + "\",\"attributes\":{\"versionString\":\"3.4.1\",\"copyright\":\"2026 Braeburn\"}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("data").path("attributes").path("copyright").asText()).isEqualTo("2026 Braeburn");
  }

  @Test
  void theBuildOfALiveVersionCannotBeSwappedButAnEditableVersionTakesIt() {
    String linkage = "{\"data\":{\"type\":\"builds\",\"id\":\"" + VALID_BUILD + "\"}}";
    TestServer.Reply refused = server.send("PATCH", "/v1/appStoreVersions/" + LIVE_VERSION + "/relationships/build", linkage);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("errors").get(0).path("source").path("pointer").asText()).isEqualTo("/data/relationships/build");
    assertThat(refused.header("x-braeburn-diagnosis")).contains("'build'");
    assertThat(server.send("PATCH", "/v1/appStoreVersions/" + EDITABLE_VERSION + "/relationships/build", linkage).status()).isEqualTo(204);
  }

  @Test
  void aSubmissionsPlatformIsFixedOnceSet() {
    JsonNode submission = created("/v1/reviewSubmissions", "{\"data\":{\"type\":\"reviewSubmissions\",\"attributes\":{\"platform\":\"IOS\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}");
    assertThat(submission.path("attributes").path("state").asText()).isEqualTo("READY_FOR_REVIEW");
    assertThat(submission.path("attributes").path("submittedDate").isNull()).isTrue();
    String id = submission.path("id").asText();
    TestServer.Reply r = server.send("PATCH", "/v1/reviewSubmissions/" + id,
        "{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + id + "\",\"attributes\":{\"platform\":\"MAC_OS\"}}}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors").get(0).path("detail").asText()).isEqualTo("The attribute 'platform' can not be modified.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("fixed");
  }

  @Test
  void valuesDerivedFromTheRequestAndFromRelatedResources() {
    JsonNode cert = created("/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":{\"certificateType\":\"DISTRIBUTION\","
        + "\"csrContent\":\"" + Csrs.pemJson() + "\"}}}").path("attributes");
    assertThat(cert.path("name").asText()).isEqualTo("Apple Distribution: Created via API");
    assertThat(cert.path("displayName").asText()).isEqualTo("Created via API");
    assertThat(cert.path("serialNumber").asText()).matches("[0-9A-F]+");
    assertThat(cert.path("activated").asBoolean()).isTrue();

    JsonNode page = created("/v1/appCustomProductPages", "{\"data\":{\"type\":\"appCustomProductPages\",\"attributes\":{\"name\":\"Spring\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}");
    assertThat(page.path("attributes").path("url").asText())
        .isEqualTo("https://apps.apple.com/app/id" + APP + "?ppid=" + page.path("id").asText());

    JsonNode device = created("/v1/devices", "{\"data\":{\"type\":\"devices\",\"attributes\":{\"name\":\"Mac\",\"platform\":\"MAC_OS\","
        + "\"udid\":\"00006020-0C10A7180CC1E002\"}}}").path("attributes");
    assertThat(device.path("deviceClass").asText()).isEqualTo("MAC");
    assertThat(device.path("status").asText()).isEqualTo("ENABLED");
    assertThat(device.path("model").isNull()).isTrue();
  }

  @Test
  void versionsAreNumberedWithinTheirParent() {
    TestServer.Reply loaded = server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"gameCenterAchievements\",\"id\":\"ach-1\","
        + "\"attributes\":{\"referenceName\":\"First\"}},{\"type\":\"gameCenterAchievements\",\"id\":\"ach-2\",\"attributes\":{}}]}",
        server.issuerId);
    assertThat(loaded.status()).as(loaded.body()).isBetween(200, 299);
    String body = "{\"data\":{\"type\":\"gameCenterAchievementVersions\",\"relationships\":{\"achievement\":{\"data\":"
        + "{\"type\":\"gameCenterAchievements\",\"id\":\"%s\"}}}}}";
    assertThat(created("/v2/gameCenterAchievementVersions", body.formatted("ach-1")).path("attributes").path("version").asInt()).isEqualTo(1);
    JsonNode second = created("/v2/gameCenterAchievementVersions", body.formatted("ach-1")).path("attributes");
    assertThat(second.path("version").asInt()).isEqualTo(2);
    assertThat(second.path("state").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(created("/v2/gameCenterAchievementVersions", body.formatted("ach-2")).path("attributes").path("version").asInt()).isEqualTo(1);
  }
}
