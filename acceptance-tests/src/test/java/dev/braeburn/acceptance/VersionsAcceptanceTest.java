package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.ReleaseWorld.APP;
import static dev.braeburn.acceptance.ReleaseWorld.LIVE;
import static dev.braeburn.acceptance.ReleaseWorld.LIVE_INFO;
import static dev.braeburn.acceptance.ReleaseWorld.buildLinkage;
import static dev.braeburn.acceptance.ReleaseWorld.patchVersion;
import static dev.braeburn.acceptance.ReleaseWorld.refused;
import static dev.braeburn.acceptance.ReleaseWorld.versionBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App Store versions through the public API (review-pipeline.md §5): what a new version copies and
 * brings (an editable app info), Apple's create refusals, the build a version may take, the release
 * date's precision and deleting a version — each refusal with Apple's exact body and Braeburn's
 * reason in X-Braeburn-Diagnosis.
 */
class VersionsAcceptanceTest {
  static final String RELATIONSHIP_INVALID = "ENTITY_ERROR.RELATIONSHIP.INVALID";
  static final String RELATIONSHIP_INVALID_TITLE = "The provided entity includes a relationship with an invalid value";
  static final String CANNOT_CREATE = "You cannot create a new version of the App in the current state.";
  static final String DUPLICATE = "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE";
  static final String DUPLICATE_TITLE = "The provided entity includes an attribute with a value that has already been used";
  static final String INVALID = "ENTITY_ERROR.ATTRIBUTE.INVALID";
  static final String INVALID_TITLE = "An attribute value is invalid.";
  static final String BUILD_TITLE = "A relationship value is not acceptable for the current resource state.";
  static final String BUILD_DETAIL = "The specified pre-release build could not be added.";
  static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";

  private TestServer server;
  private ReleaseWorld world;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    world = ReleaseWorld.start(w -> { });
    server = world.server;
    receiver = world.receiver;
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  private JsonNode create(String body) {
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersions", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  private Map<String, JsonNode> byLocale(JsonNode list) {
    Map<String, JsonNode> out = new TreeMap<>();
    list.path("data").forEach(l -> out.put(l.at("/attributes/locale").asText(), l.path("attributes")));
    return out;
  }

  @Test
  void aNewVersionCopiesTheLiveVersionsMetadataAndBringsAnEditableAppInfo() {
    JsonNode version = create(versionBody("IOS", "1.1.0", ""));
    String id = version.path("id").asText();
    JsonNode a = version.path("attributes");
    assertThat(a.path("appVersionState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(a.path("appStoreState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(a.path("releaseType").asText()).isEqualTo("AFTER_APPROVAL");
    assertThat(a.path("reviewType").asText()).isEqualTo("APP_STORE");
    assertThat(a.path("copyright").asText()).isEqualTo("2026 Harbor Labs");
    assertThat(a.path("earliestReleaseDate").isNull()).isTrue();

    // localizations: copied from 1.0.0, without whatsNew (required anew on every update)
    Map<String, JsonNode> locales = byLocale(world.get("/v1/appStoreVersions/" + id + "/appStoreVersionLocalizations"));
    assertThat(locales).containsOnlyKeys("de-DE", "en-US");
    JsonNode en = locales.get("en-US");
    assertThat(en.path("description").asText()).isEqualTo("Lights of every harbor.");
    assertThat(en.path("keywords").asText()).isEqualTo("harbor,lights");
    assertThat(en.path("marketingUrl").asText()).isEqualTo("https://example.com/hl");
    assertThat(en.path("supportUrl").asText()).isEqualTo("https://example.com/hl/support");
    assertThat(en.path("promotionalText").asText()).isEqualTo("Now with fog.");
    assertThat(en.path("whatsNew").isNull()).isTrue();
    assertThat(locales.get("de-DE").path("whatsNew").isNull()).isTrue();
    // the live version keeps its own
    assertThat(byLocale(world.get("/v1/appStoreVersions/" + LIVE + "/appStoreVersionLocalizations")).get("en-US").path("whatsNew").asText())
        .isEqualTo("First release.");
    // the review contact
    JsonNode detail = world.get("/v1/appStoreVersions/" + id + "/appStoreReviewDetail").at("/data/attributes");
    assertThat(detail.path("contactEmail").asText()).isEqualTo("ines@example.com");
    assertThat(detail.path("notes").asText()).isEqualTo("No login.");

    // an editable app info next to the live one, with the same localizations, category and age rating answers
    JsonNode infos = world.get("/v1/apps/" + APP + "/appInfos?include=ageRatingDeclaration,primaryCategory");
    List<String> states = new ArrayList<>();
    infos.path("data").forEach(i -> states.add(i.at("/attributes/state").asText()));
    assertThat(states).containsExactlyInAnyOrder("READY_FOR_DISTRIBUTION", "PREPARE_FOR_SUBMISSION");
    JsonNode editable = null;
    for (JsonNode i : infos.path("data")) {
      if (!i.path("id").asText().equals(LIVE_INFO)) {
        editable = i;
      }
    }
    assertThat(editable).isNotNull();
    String editableId = editable.path("id").asText();
    assertThat(editable.at("/attributes/appStoreState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(editable.at("/relationships/primaryCategory/data/id").asText()).isEqualTo("WEATHER");
    assertThat(editable.at("/relationships/ageRatingDeclaration/data/id").asText()).isEqualTo(editableId);
    JsonNode rating = world.get("/v1/appInfos/" + editableId + "/ageRatingDeclaration").at("/data/attributes");
    assertThat(rating.path("messagingAndChat").asBoolean()).isTrue();
    assertThat(rating.path("violenceRealistic").asText()).isEqualTo("NONE");
    JsonNode names = world.get("/v1/appInfos/" + editableId + "/appInfoLocalizations").path("data");
    assertThat(names).hasSize(1);
    assertThat(names.at("/0/attributes/name").asText()).isEqualTo("Harbor Lights");
    assertThat(names.at("/0/attributes/subtitle").asText()).isEqualTo("Every light, every night");

    // a second version on the platform would need a second editable app info: there is still one
    world.advance(0);
    assertThat(receiver.of(ReleaseWorld.VERSION_EVENT)).as("no webhook: the version's state did not change, it began").isEmpty();
  }

  @Test
  void aPlatformsFirstVersionStartsWithOneLocalizationInThePrimaryLocale() {
    JsonNode version = create(versionBody("MAC_OS", "1.1.0", ""));
    assertThat(version.at("/attributes/copyright").isNull()).isTrue();
    Map<String, JsonNode> locales = byLocale(world.get("/v1/appStoreVersions/" + version.path("id").asText() + "/appStoreVersionLocalizations"));
    assertThat(locales).containsOnlyKeys("en-US");
    assertThat(locales.get("en-US").path("description").isNull()).isTrue();
  }

  @Test
  void aSecondUnreleasedVersionOfThePlatformIsRefusedAndTheDiagnosisNamesTheOpenOne() {
    String open = create(versionBody("IOS", "1.1.0", "")).path("id").asText();
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersions", versionBody("IOS", "1.2.0", ""));
    refused(r, 409, List.of(List.of(RELATIONSHIP_INVALID, RELATIONSHIP_INVALID_TITLE, CANNOT_CREATE, "/data/relationships/app")),
        open, "1.1.0", "PREPARE_FOR_SUBMISSION", "PATCH /v1/appStoreVersions/" + open);
    // another platform is another matter
    create(versionBody("MAC_OS", "1.2.0", ""));
    // nothing was written
    assertThat(world.get("/v1/apps/" + APP + "/appStoreVersions?filter[platform]=IOS").path("data")).hasSize(2);
  }

  @Test
  void aUsedVersionStringIsRefusedWithBothRecordedErrors() {
    TestServer.Reply r = server.send("POST", "/v1/appStoreVersions", versionBody("IOS", "1.0.0", ""));
    refused(r, 409, List.of(
        List.of(RELATIONSHIP_INVALID, RELATIONSHIP_INVALID_TITLE, CANNOT_CREATE, "/data/relationships/app"),
        List.of(DUPLICATE, DUPLICATE_TITLE, "The version number has been previously used.", "/data/attributes/versionString")),
        LIVE, "used before");
    // "1.0" is the same version as "1.0.0"
    assertThat(server.send("POST", "/v1/appStoreVersions", versionBody("IOS", "1.0", "")).json().at("/errors/1/code").asText()).isEqualTo(DUPLICATE);
  }

  @Test
  void aMalformedOrLowerVersionStringIsRefused() {
    for (String bad : List.of("1.2.3.4", "1.0b", "v2", "1..2", "")) {
      TestServer.Reply r = server.send("POST", "/v1/appStoreVersions", versionBody("IOS", bad, ""));
      refused(r, 409, List.of(List.of(INVALID, INVALID_TITLE,
          "The version string '" + bad + "' must be a period-separated list of at most three non-negative integers.", "/data/attributes/versionString")),
          "inferred");
    }
    TestServer.Reply lower = server.send("POST", "/v1/appStoreVersions", versionBody("IOS", "0.9.5", ""));
    refused(lower, 409, List.of(List.of(INVALID, INVALID_TITLE, "The version number must be higher than the previously approved version.",
        "/data/attributes/versionString")), "1.0.0", "ITMS-90062", "inferred");
  }

  @Test
  void theEarliestReleaseDateIsOnTheHourAndAScheduledOneInTheFuture() {
    TestServer.Reply minutes = server.send("POST", "/v1/appStoreVersions",
        versionBody("IOS", "1.1.0", "\"releaseType\":\"SCHEDULED\",\"earliestReleaseDate\":\"2099-06-01T10:30:00-07:00\""));
    refused(minutes, 409, List.of(List.of(INVALID, INVALID_TITLE, "The attribute 'earliestReleaseDate' only allows hour precision",
        "/data/attributes/earliestReleaseDate")), "hour precision");
    TestServer.Reply past = server.send("POST", "/v1/appStoreVersions",
        versionBody("IOS", "1.1.0", "\"releaseType\":\"SCHEDULED\",\"earliestReleaseDate\":\"2020-06-01T10:00:00-07:00\""));
    refused(past, 409, List.of(List.of(INVALID, INVALID_TITLE, "The attribute 'earliestReleaseDate' must be in the future",
        "/data/attributes/earliestReleaseDate")), "SCHEDULED", "inferred");
    TestServer.Reply farOff = server.send("POST", "/v1/appStoreVersions",
        versionBody("IOS", "1.1.0", "\"releaseType\":\"SCHEDULED\",\"earliestReleaseDate\":\"+10000-01-01T00:00:00Z\""));
    refused(farOff, 409, List.of(List.of(INVALID, INVALID_TITLE, "The attribute 'earliestReleaseDate' must be before the year 10000",
        "/data/attributes/earliestReleaseDate")), "year 9999", "inferred");
    String id = create(versionBody("IOS", "1.1.0", "\"releaseType\":\"SCHEDULED\",\"earliestReleaseDate\":\"2099-06-01T10:00:00-07:00\""))
        .path("id").asText();
    assertThat(world.attributes("appStoreVersions", id).path("earliestReleaseDate").asText()).isEqualTo("2099-06-01T10:00:00-07:00");
    TestServer.Reply patched = server.send("PATCH", "/v1/appStoreVersions/" + id,
        patchVersion(id, "\"earliestReleaseDate\":\"2099-06-01T10:00:01Z\"", ""));
    refused(patched, 409, List.of(List.of(INVALID, INVALID_TITLE, "The attribute 'earliestReleaseDate' only allows hour precision",
        "/data/attributes/earliestReleaseDate")));
    assertThat(server.send("PATCH", "/v1/appStoreVersions/" + id, patchVersion(id, "\"earliestReleaseDate\":\"2099-07-01T18:00:00Z\"", ""))
        .status()).isEqualTo(200);
  }

  @Test
  void aBuildIsAttachedOnlyWhenProcessedOfTheAppAndPlatformUnexpiredFreeAndForTheAppStore() {
    String id = create(versionBody("IOS", "1.1.0", "")).path("id").asText();
    Map<String, String> reasons = new java.util.LinkedHashMap<>();
    reasons.put(ReleaseWorld.PROCESSING_BUILD, "PROCESSING, not VALID");
    reasons.put(ReleaseWorld.EXPIRED_BUILD, "has expired");
    reasons.put(ReleaseWorld.INTERNAL_BUILD, "INTERNAL_ONLY");
    reasons.put(ReleaseWorld.MAC_BUILD, "MAC_OS build");
    reasons.put(ReleaseWorld.OTHER_APPS_BUILD, "belongs to app " + ReleaseWorld.OTHER_APP);
    reasons.put(ReleaseWorld.LIVE_BUILD, "already the build of version IOS 1.0.0 (" + LIVE);
    List<List<String>> body = List.of(List.of(RELATIONSHIP_INVALID, BUILD_TITLE, BUILD_DETAIL, "/data/relationships/build"));
    reasons.forEach((build, reason) -> {
      refused(server.send("PATCH", "/v1/appStoreVersions/" + id + "/relationships/build", buildLinkage(build)), 409, body, reason);
      refused(server.send("PATCH", "/v1/appStoreVersions/" + id, patchVersion(id, "", "\"build\":" + buildLinkage(build))), 409, body, reason);
    });
    // the live version kept its build
    assertThat(world.get("/v1/appStoreVersions/" + LIVE + "/build").at("/data/id").asText()).isEqualTo(ReleaseWorld.LIVE_BUILD);
    assertThat(world.get("/v1/appStoreVersions/" + id + "/build").path("data").isNull()).isTrue();

    assertThat(server.send("PATCH", "/v1/appStoreVersions/" + id + "/relationships/build", buildLinkage(ReleaseWorld.VALID_BUILD)).status())
        .isEqualTo(204);
    assertThat(world.get("/v1/appStoreVersions/" + id + "/build").at("/data/id").asText()).isEqualTo(ReleaseWorld.VALID_BUILD);
    assertThat(world.get("/v1/builds/" + ReleaseWorld.VALID_BUILD + "/appStoreVersion").at("/data/id").asText()).isEqualTo(id);
    // detached with data null, attached again through the version PATCH
    assertThat(server.send("PATCH", "/v1/appStoreVersions/" + id + "/relationships/build", "{\"data\":null}").status()).isEqualTo(204);
    TestServer.Reply patched = server.send("PATCH", "/v1/appStoreVersions/" + id,
        patchVersion(id, "", "\"build\":" + buildLinkage(ReleaseWorld.VALID_BUILD)));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(world.get("/v1/appStoreVersions/" + id + "/build").at("/data/id").asText()).isEqualTo(ReleaseWorld.VALID_BUILD);
  }

  @Test
  void aNewVersionMayNameItsBuildWhichIsCheckedTheSameWay() {
    TestServer.Reply taken = server.send("POST", "/v1/appStoreVersions", versionBody("IOS", "1.1.0", "").replace("}}}}}",
        "}},\"build\":" + buildLinkage(ReleaseWorld.LIVE_BUILD) + "}}}"));
    refused(taken, 409, List.of(List.of(RELATIONSHIP_INVALID, BUILD_TITLE, BUILD_DETAIL, "/data/relationships/build")), LIVE);
    assertThat(world.get("/v1/appStoreVersions/" + LIVE + "/build").at("/data/id").asText()).isEqualTo(ReleaseWorld.LIVE_BUILD);
    JsonNode created = create(versionBody("IOS", "1.1.0", "").replace("}}}}}", "}},\"build\":" + buildLinkage(ReleaseWorld.VALID_BUILD) + "}}}"));
    assertThat(world.get("/v1/appStoreVersions/" + created.path("id").asText() + "/build").at("/data/id").asText()).isEqualTo(ReleaseWorld.VALID_BUILD);
  }

  @Test
  void aVersionInReviewTakesNoBuildWithApplesRecordedRefusal() {
    world.version("hl-waiting", "IOS", "1.1.0", "WAITING_FOR_REVIEW", "").load();
    TestServer.Reply r = server.send("PATCH", "/v1/appStoreVersions/hl-waiting/relationships/build", buildLinkage(ReleaseWorld.VALID_BUILD));
    refused(r, 409, List.of(List.of(RELATIONSHIP_INVALID, BUILD_TITLE, BUILD_DETAIL, "/data/relationships/build")), "WAITING_FOR_REVIEW", "'build'");
    // and keeps its release option once App Review has decided
    world.version("hl-pending", "MAC_OS", "1.1.0", "PENDING_DEVELOPER_RELEASE", "\"releaseType\":\"MANUAL\"").load();
    refused(server.send("PATCH", "/v1/appStoreVersions/hl-pending", patchVersion("hl-pending", "\"releaseType\":\"AFTER_APPROVAL\"", "")), 409,
        List.of(List.of("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", "An attribute value is not acceptable for the current resource state.",
            "The attribute 'releaseType' can not be modified.", "/data/attributes/releaseType")), "PENDING_DEVELOPER_RELEASE");
  }

  @Test
  void anOpenVersionIsRenamedInsteadOfRecreated() {
    world.version("hl-rejected", "IOS", "1.0.2", "DEVELOPER_REJECTED", "").load();
    TestServer.Reply renamed = server.send("PATCH", "/v1/appStoreVersions/hl-rejected", patchVersion("hl-rejected", "\"versionString\":\"1.1.0\"", ""));
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().at("/data/attributes/versionString").asText()).isEqualTo("1.1.0");
    refused(server.send("PATCH", "/v1/appStoreVersions/hl-rejected", patchVersion("hl-rejected", "\"versionString\":\"1.0\"", "")), 409,
        List.of(List.of(DUPLICATE, DUPLICATE_TITLE, "The version number has been previously used.", "/data/attributes/versionString")), LIVE);
    refused(server.send("PATCH", "/v1/appStoreVersions/hl-rejected", patchVersion("hl-rejected", "\"versionString\":\"2.0 beta\"", "")), 409,
        List.of(List.of(INVALID, INVALID_TITLE, "The version string '2.0 beta' must be a period-separated list of at most three non-negative integers.",
            "/data/attributes/versionString")));
  }

  @Test
  void deletingAVersionFollowsApplesRecordedRefusals() {
    // the last version of an app
    world.resource("apps", "1700000009", "{\"name\":\"Solo\",\"bundleId\":\"com.example.solo\",\"sku\":\"SOLO\",\"primaryLocale\":\"en-US\"}")
        .resource("appStoreVersions", "solo-1", "{\"platform\":\"IOS\",\"versionString\":\"1.0\",\"appVersionState\":\"PREPARE_FOR_SUBMISSION\","
            + "\"appStoreState\":\"PREPARE_FOR_SUBMISSION\"}", "app=apps:1700000009").load();
    refused(server.send("DELETE", "/v1/appStoreVersions/solo-1", null), 409,
        List.of(Arrays.asList("STATE_ERROR", STATE_TITLE, "The last version of an app cannot be deleted", null)), "only version");

    // a version with a build uploaded for it (1.1.0 has builds), attached or not
    String withBuilds = create(versionBody("IOS", "1.1.0", "")).path("id").asText();
    refused(server.send("DELETE", "/v1/appStoreVersions/" + withBuilds, null), 409,
        List.of(Arrays.asList("STATE_ERROR", STATE_TITLE, "A version cannot be deleted if any build has been uploaded", null)), "was uploaded");

    // a version that was submitted (inferred: only a never-submitted one goes)
    world.version("hl-waiting-mac", "MAC_OS", "2.0", "WAITING_FOR_REVIEW", "").load();
    refused(server.send("DELETE", "/v1/appStoreVersions/hl-waiting-mac", null), 409,
        List.of(Arrays.asList("STATE_ERROR.INVALID_STATE", STATE_TITLE,
            "The appStoreVersions with id 'hl-waiting-mac' cannot be deleted in state WAITING_FOR_REVIEW.", null)), "PREPARE_FOR_SUBMISSION");

    // an open version without builds goes, with its copied localizations and review contact
    String tv = create(versionBody("TV_OS", "1.0", "")).path("id").asText();
    String localization = world.get("/v1/appStoreVersions/" + tv + "/appStoreVersionLocalizations").at("/data/0/id").asText();
    assertThat(server.send("DELETE", "/v1/appStoreVersions/" + tv, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/appStoreVersions/" + tv).status()).isEqualTo(404);
    assertThat(server.get("/v1/appStoreVersionLocalizations/" + localization).status()).isEqualTo(404);
  }
}
