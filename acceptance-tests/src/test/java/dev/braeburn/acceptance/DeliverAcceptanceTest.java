package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.BuildUploads.md5;
import static dev.braeburn.acceptance.ReleaseWorld.APP;
import static dev.braeburn.acceptance.ReleaseWorld.LIVE;
import static dev.braeburn.acceptance.ReleaseWorld.VALID_BUILD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's headline: an update released the way fastlane deliver releases it (its spaceship
 * calls, in its order), over real HTTP with ES256 tokens — find the app, make the version, write
 * the metadata of three locales, answer the age rating, ask for a phased release, try to submit and
 * read Apple's exact list of what is missing, fill it in (screenshots uploaded through upload
 * operations, the build and its export compliance, the content rights answer), submit, let App
 * Review run on the virtual clock, release by hand, and let the phased release reach everyone in
 * seven days — with the signed webhook notification of every version state on the way.
 */
class DeliverAcceptanceTest {
  private static final ResourceModel MODEL = new ResourceModel(Spec.load());
  private static final String BUNDLE_ID = "com.example.harborlights";

  private ReleaseWorld world;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    world = ReleaseWorld.start(w -> {});
    server = world.server;
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  @Test
  void anUpdateGoesFromNewVersionToEveryUserAndEveryStepIsAnnounced() throws Exception {
    // deliver: the app by bundle id, then the version being edited on iOS — none, so a new one
    JsonNode apps = ok(server.get("/v1/apps?filter%5BbundleId%5D=" + BUNDLE_ID), 200);
    assertThat(apps.at("/data/0/id").asText()).isEqualTo(APP);
    JsonNode editing = ok(server.get("/v1/apps/" + APP + "/appStoreVersions?filter%5BappStoreState%5D=PREPARE_FOR_SUBMISSION,"
        + "DEVELOPER_REJECTED,REJECTED,METADATA_REJECTED,WAITING_FOR_REVIEW,INVALID_BINARY&filter%5Bplatform%5D=IOS"), 200);
    assertThat(editing.path("data")).isEmpty();
    JsonNode created = ok(server.send("POST", "/v1/appStoreVersions", ReleaseWorld.versionBody("IOS", "1.1.0", "")), 201);
    String version = created.at("/data/id").asText();
    assertThat(created.at("/data/attributes/appStoreState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    ok(server.send("PATCH", "/v1/appStoreVersions/" + version,
        ReleaseWorld.patchVersion(version, "\"releaseType\":\"MANUAL\",\"copyright\":\"2027 Harbor Labs\"", "")), 200);

    // metadata: the localizations the new version copied from 1.0.0 (without whatsNew), and a new locale
    Map<String, String> localizations = new LinkedHashMap<>();
    ok(server.get("/v1/appStoreVersions/" + version + "/appStoreVersionLocalizations"), 200).path("data")
        .forEach(l -> localizations.put(l.at("/attributes/locale").asText(), l.path("id").asText()));
    assertThat(localizations).containsOnlyKeys("en-US", "de-DE");
    patch("appStoreVersionLocalizations", localizations.get("en-US"), "{\"description\":\"Lights of every harbor, now at sea.\","
        + "\"keywords\":\"harbor,lights,sea\",\"whatsNew\":\"Offshore lights.\",\"promotionalText\":\"Offshore season.\"}");
    JsonNode french = ok(server.send("POST", "/v1/appStoreVersionLocalizations", "{\"data\":{\"type\":\"appStoreVersionLocalizations\","
        + "\"attributes\":{\"locale\":\"fr-FR\",\"description\":\"Les feux de tous les ports.\",\"keywords\":\"port,feux\",\"supportUrl\":"
        + "\"https://example.com/hl/fr\",\"whatsNew\":\"Feux au large.\"},\"relationships\":{\"appStoreVersion\":{\"data\":"
        + "{\"type\":\"appStoreVersions\",\"id\":\"" + version + "\"}}}}}"), 201);
    localizations.put("fr-FR", french.at("/data/id").asText());

    // the app info being edited (the live one stays as it is), its new locale and the age rating questionnaire
    String appInfo = null;
    for (JsonNode info : ok(server.get("/v1/apps/" + APP + "/appInfos"), 200).path("data")) {
      if (info.at("/attributes/state").asText().equals("PREPARE_FOR_SUBMISSION")) {
        appInfo = info.path("id").asText();
      }
    }
    assertThat(appInfo).as("an editable app info beside the live one").isNotNull();
    ok(server.send("POST", "/v1/appInfoLocalizations", "{\"data\":{\"type\":\"appInfoLocalizations\",\"attributes\":{\"locale\":\"fr-FR\","
        + "\"name\":\"Feux de port\",\"privacyPolicyUrl\":\"https://example.com/fr/privacy\"},\"relationships\":{\"appInfo\":{\"data\":"
        + "{\"type\":\"appInfos\",\"id\":\"" + appInfo + "\"}}}}}"), 201);
    String ageRating = ok(server.get("/v1/appInfos/" + appInfo + "/ageRatingDeclaration"), 200).at("/data/id").asText();
    patch("ageRatingDeclarations", ageRating, everyAgeRatingAnswer().toString());

    // a phased release, asked for before review as deliver does
    JsonNode phased = ok(server.send("POST", "/v1/appStoreVersionPhasedReleases", "{\"data\":{\"type\":\"appStoreVersionPhasedReleases\","
        + "\"attributes\":{\"phasedReleaseState\":\"INACTIVE\"},\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\","
        + "\"id\":\"" + version + "\"}}}}}"), 201);
    String phasedId = phased.at("/data/id").asText();

    // submit too early: Apple names everything missing at once
    String submission = ok(server.send("POST", "/v1/reviewSubmissions", "{\"data\":{\"type\":\"reviewSubmissions\",\"attributes\":"
        + "{\"platform\":\"IOS\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}"), 201)
        .at("/data/id").asText();
    TestServer.Reply refused = addItem(submission, version);
    assertThat(refused.status()).isEqualTo(409);
    JsonNode envelope = refused.json().at("/errors/0");
    assertThat(envelope.path("code").asText()).isEqualTo("STATE_ERROR.ENTITY_STATE_INVALID");
    assertThat(envelope.path("title").asText()).isEqualTo("appStoreVersions with id '" + version + "' is not in valid state.");
    assertThat(envelope.path("detail").asText()).isEqualTo("This resource cannot be reviewed, please check associated errors to see why.");
    assertThat(associated(envelope)).isEqualTo(Map.of(
        "/v1/appStoreVersions/" + version, List.of(
            "ENTITY_ERROR.RELATIONSHIP.REQUIRED You must provide a value for the relationship 'build'",
            "STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65 A screenshot with type iphone65 is required but was not provided"),
        "/v1/appStoreVersionLocalizations/" + localizations.get("de-DE"), List.of(
            "ENTITY_ERROR.ATTRIBUTE.REQUIRED You must provide a value for the attribute 'whatsNew' with this request"),
        "/v1/apps/" + APP, List.of(
            "ENTITY_ERROR.ATTRIBUTE.REQUIRED You must provide a value for the attribute 'contentRightsDeclaration' with this request")));
    assertThat(refused.header("x-braeburn-diagnosis")).contains("build").contains("whatsNew").contains("contentRightsDeclaration");
    assertThat(world.versionState(version)).isEqualTo("PREPARE_FOR_SUBMISSION");

    // fill it in: German release notes, screenshots uploaded and processed, the build and its export compliance, content rights
    patch("appStoreVersionLocalizations", localizations.get("de-DE"), "{\"whatsNew\":\"Lichter auf See.\"}");
    String set = ok(server.send("POST", "/v1/appScreenshotSets", "{\"data\":{\"type\":\"appScreenshotSets\",\"attributes\":{\"screenshotDisplayType\":"
        + "\"APP_IPHONE_65\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":{\"type\":\"appStoreVersionLocalizations\",\"id\":\""
        + localizations.get("en-US") + "\"}}}}}"), 201).at("/data/id").asText();
    List<String> screenshots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      screenshots.add(screenshot(set, BuildUploads.icon(1242 + i)));
    }
    world.advance(120);
    for (String shot : screenshots) {
      assertThat(world.attributes("appScreenshots", shot).at("/assetDeliveryState/state").asText()).isEqualTo("COMPLETE");
    }
    assertThat(server.send("PATCH", "/v1/appStoreVersions/" + version + "/relationships/build", ReleaseWorld.buildLinkage(VALID_BUILD)).status())
        .isEqualTo(204);
    ok(server.send("PATCH", "/v1/builds/" + VALID_BUILD, "{\"data\":{\"type\":\"builds\",\"id\":\"" + VALID_BUILD
        + "\",\"attributes\":{\"usesNonExemptEncryption\":false}}}"), 200);
    patch("apps", APP, "{\"contentRightsDeclaration\":\"DOES_NOT_USE_THIRD_PARTY_CONTENT\"}"); // never answered: settable once

    // the same draft takes the version now; submit
    assertThat(addItem(submission, version).status()).isEqualTo(201);
    assertThat(world.versionState(version)).isEqualTo("READY_FOR_REVIEW");
    JsonNode submitted = ok(server.send("PATCH", "/v1/reviewSubmissions/" + submission, "{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\""
        + submission + "\",\"attributes\":{\"submitted\":true}}}"), 200);
    assertThat(submitted.at("/data/attributes/state").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(submitted.at("/data/attributes/submittedDate").asText()).isNotEmpty();
    // a staged version takes no more text
    assertThat(server.send("PATCH", "/v1/appStoreVersionLocalizations/" + localizations.get("en-US"), body("appStoreVersionLocalizations",
        localizations.get("en-US"), "{\"description\":\"Too late.\"}")).status()).isEqualTo(409);

    // App Review on the clock: in review after 20 hours, approved at 24, then it waits for the developer
    world.advance(20 * 3600);
    assertThat(world.versionState(version)).isEqualTo("IN_REVIEW");
    world.advance(4 * 3600);
    assertThat(world.versionState(version)).isEqualTo("PENDING_DEVELOPER_RELEASE");
    assertThat(world.attributes("reviewSubmissions", submission).path("state").asText()).isEqualTo("COMPLETE");
    assertThat(world.attributes("appStoreVersions", version).path("appStoreState").asText()).isEqualTo("PENDING_DEVELOPER_RELEASE");

    // release by hand: 1.1.0 goes live, 1.0.0 is replaced, the app infos roll over, the phased release starts
    ok(server.send("POST", "/v1/appStoreVersionReleaseRequests", "{\"data\":{\"type\":\"appStoreVersionReleaseRequests\",\"relationships\":"
        + "{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"" + version + "\"}}}}}"), 201);
    assertThat(world.versionState(version)).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(world.attributes("appStoreVersions", version).path("appStoreState").asText()).isEqualTo("READY_FOR_SALE");
    assertThat(world.versionState(LIVE)).isEqualTo("REPLACED_WITH_NEW_VERSION");
    assertThat(world.attributes("appInfos", appInfo).path("state").asText()).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(world.attributes("appInfos", ReleaseWorld.LIVE_INFO).path("state").asText()).isEqualTo("REPLACED_WITH_NEW_INFO");

    // the phased release on the clock: day 1 … 7 (1, 2, 5, 10, 20, 50, 100 %), then complete
    List<Integer> days = new ArrayList<>();
    JsonNode release = phasedRelease(version);
    assertThat(release.at("/data/id").asText()).isEqualTo(phasedId);
    assertThat(release.at("/data/attributes/phasedReleaseState").asText()).isEqualTo("ACTIVE");
    days.add(release.at("/data/attributes/currentDayNumber").asInt());
    while (!phasedRelease(version).at("/data/attributes/phasedReleaseState").asText().equals("COMPLETE") && days.size() < 10) {
      world.advance(24 * 3600);
      days.add(phasedRelease(version).at("/data/attributes/currentDayNumber").asInt());
    }
    assertThat(days.subList(0, 7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(phasedRelease(version).at("/data/attributes/phasedReleaseState").asText()).isEqualTo("COMPLETE");

    // every version state was announced, signed, in the order it happened
    assertThat(ReleaseWorld.versionEvents(world.receiver)).containsExactly(
        version + " PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW",
        version + " READY_FOR_REVIEW→WAITING_FOR_REVIEW",
        version + " WAITING_FOR_REVIEW→IN_REVIEW",
        version + " IN_REVIEW→PENDING_DEVELOPER_RELEASE",
        version + " PENDING_DEVELOPER_RELEASE→PROCESSING_FOR_DISTRIBUTION",
        version + " PROCESSING_FOR_DISTRIBUTION→READY_FOR_DISTRIBUTION",
        LIVE + " READY_FOR_DISTRIBUTION→REPLACED_WITH_NEW_VERSION");
    assertThat(world.receiver.all()).allMatch(r -> r.signatureValidFor("release-secret"));
  }

  // ---------------------------------------------------------------- deliver's calls

  private TestServer.Reply addItem(String submission, String version) {
    return server.send("POST", "/v1/reviewSubmissionItems", "{\"data\":{\"type\":\"reviewSubmissionItems\",\"relationships\":{\"reviewSubmission\":"
        + "{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + submission + "\"}},\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\","
        + "\"id\":\"" + version + "\"}}}}}");
  }

  private String screenshot(String set, byte[] png) {
    JsonNode reserved = ok(server.send("POST", "/v1/appScreenshots", "{\"data\":{\"type\":\"appScreenshots\",\"attributes\":{\"fileName\":"
        + "\"harbor.png\",\"fileSize\":" + png.length + "},\"relationships\":{\"appScreenshotSet\":{\"data\":{\"type\":\"appScreenshotSets\","
        + "\"id\":\"" + set + "\"}}}}}"), 201).path("data");
    BuildUploads uploads = new BuildUploads(server);
    reserved.at("/attributes/uploadOperations").forEach(op -> assertThat(uploads.putPart(op, png).statusCode()).isEqualTo(200));
    String id = reserved.path("id").asText();
    ok(server.send("PATCH", "/v1/appScreenshots/" + id, "{\"data\":{\"type\":\"appScreenshots\",\"id\":\"" + id
        + "\",\"attributes\":{\"uploaded\":true,\"sourceFileChecksum\":\"" + md5(png) + "\"}}}"), 200);
    return id;
  }

  private JsonNode phasedRelease(String version) {
    return ok(server.get("/v1/appStoreVersions/" + version + "/appStoreVersionPhasedRelease"), 200);
  }

  private void patch(String type, String id, String attributes) {
    ok(server.send("PATCH", "/v1/" + type + "/" + id, body(type, id, attributes)), 200);
  }

  private static String body(String type, String id, String attributes) {
    return "{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"attributes\":" + attributes + "}}";
  }

  /** deliver's age rating config: every question of the spec answered — booleans no, levels NONE. */
  private static ObjectNode everyAgeRatingAnswer() {
    ObjectNode answers = TestServer.JSON.createObjectNode();
    MODEL.attributes("ageRatingDeclarations").forEach((name, schema) -> {
      Schema resolved = MODEL.spec().resolve(schema);
      if ("boolean".equals(resolved.type())) {
        answers.put(name, false);
      } else if (resolved.enumValues() != null && resolved.enumValues().contains("NONE")) {
        answers.put(name, "NONE");
      }
    });
    return answers;
  }

  /** {@code meta.associatedErrors}: key → "code detail" of each entry. */
  private static Map<String, List<String>> associated(JsonNode envelope) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    envelope.at("/meta/associatedErrors").fields().forEachRemaining(e -> {
      List<String> entries = new ArrayList<>();
      e.getValue().forEach(error -> entries.add(error.path("code").asText() + " " + error.path("detail").asText()));
      out.put(e.getKey(), entries);
    });
    return out;
  }

  private static JsonNode ok(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    return r.status() == 204 ? null : r.json();
  }
}
