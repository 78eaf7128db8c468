package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Metadata rules the type table cannot say (review-pipeline.md §3.2, protocol.md §6.2), on the
 * demo seed's Ledgerly 2.9.0 (iOS, PREPARE_FOR_SUBMISSION): one localization per locale and App
 * Store locales only, an app info locale bringing its version localization along, App Review
 * Information with its contact and once per version, one screenshot or preview set per display
 * type and the per-set limits — each refusal with Apple's exact body and Braeburn's diagnosis.
 */
class MetadataAcceptanceTest extends DemoServerTest {
  private static final String VERSION = "a6e7f3aa-98ee-5f09-a290-fc97e19bd8c6"; // Ledgerly iOS 2.9.0, editable
  private static final String EDITABLE_INFO = "32553aeb-49f4-5bd8-bcb4-9ee127505f69"; // Ledgerly's editable app info
  private static final String DIAGNOSIS = "X-Braeburn-Diagnosis";

  private static String body(String type, String attributes, String relationship, String targetType, String targetId) {
    return "{\"data\":{\"type\":\"" + type + "\",\"attributes\":" + attributes + ",\"relationships\":{\"" + relationship
        + "\":{\"data\":{\"type\":\"" + targetType + "\",\"id\":\"" + targetId + "\"}}}}}";
  }

  private TestServer.Reply versionLocalization(String locale) {
    return server.send("POST", "/v1/appStoreVersionLocalizations", body("appStoreVersionLocalizations",
        "{\"locale\":\"" + locale + "\",\"description\":\"Plan budgets\"}", "appStoreVersion", "appStoreVersions", VERSION));
  }

  private TestServer.Reply reviewDetail(String attributes) {
    return server.send("POST", "/v1/appStoreReviewDetails", body("appStoreReviewDetails", attributes, "appStoreVersion", "appStoreVersions", VERSION));
  }

  private static String created(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().at("/data/id").asText();
  }

  /** One error with exactly these members and values; the diagnosis header is there. */
  private static JsonNode refused(TestServer.Reply reply, String code, String title, String detail, String pointer) {
    JsonNode e = pointer == null
        ? AppleErrors.onlyError(reply, 409, "id", "status", "code", "title", "detail")
        : AppleErrors.onlyError(reply, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("status").asText()).isEqualTo("409");
    assertThat(e.path("code").asText()).isEqualTo(code);
    assertThat(e.path("title").asText()).isEqualTo(title);
    assertThat(e.path("detail").asText()).isEqualTo(detail);
    if (pointer != null) {
      assertThat(e.path("source").properties()).hasSize(1);
      assertThat(e.at("/source/pointer").asText()).isEqualTo(pointer);
    }
    assertThat(reply.header(DIAGNOSIS)).as("diagnosis").isNotBlank();
    return e;
  }

  @Test
  void versionLocalizationsTakeAppStoreLocalesOnceEach() {
    refused(versionLocalization("en-US"), "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The provided entity includes an attribute with a value that has already been used",
        "Entity with locale: en-US already exists. Try updating.", "/data/attributes/locale");
    TestServer.Reply unknown = versionLocalization("en");
    refused(unknown, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
        "The language specified is not listed for localization", "/data/attributes/locale");
    assertThat(unknown.header(DIAGNOSIS)).contains("'en' is not an App Store locale");
    String german = created(versionLocalization("de-DE"));
    assertThat(server.get("/v1/appStoreVersionLocalizations/" + german).json().at("/data/attributes/locale").asText()).isEqualTo("de-DE");
    assertThat(Docs.ids(server.get("/v1/appStoreVersions/" + VERSION + "/appStoreVersionLocalizations"))).hasSize(3).contains(german);
  }

  @Test
  void aNewAppInfoLocaleBringsItsVersionLocalizationAndBothAreThenDuplicates() {
    String infoBody = body("appInfoLocalizations", "{\"locale\":\"ja\",\"name\":\"Ledgerly 家計簿\"}", "appInfo", "appInfos", EDITABLE_INFO);
    created(server.send("POST", "/v1/appInfoLocalizations", infoBody));

    TestServer.Reply japanese = server.get("/v1/appStoreVersions/" + VERSION + "/appStoreVersionLocalizations?filter[locale]=ja");
    assertThat(Docs.ids(japanese)).hasSize(1);
    assertThat(japanese.json().at("/data/0/attributes/description").isNull()).isTrue();
    assertThat(Docs.ids(server.get("/v1/appStoreVersions/d9b233f6-611b-5fe2-b874-e23063dcd563/appStoreVersionLocalizations?filter[locale]=ja")))
        .as("the live iOS 2.8.0 takes no new locale").isEmpty();

    TestServer.Reply again = versionLocalization("ja");
    refused(again, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The provided entity includes an attribute with a value that has already been used",
        "Entity with locale: ja already exists. Try updating.", "/data/attributes/locale");
    assertThat(again.header(DIAGNOSIS)).contains("PATCH that one instead");
    refused(server.send("POST", "/v1/appInfoLocalizations", infoBody), "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The provided entity includes an attribute with a value that has already been used",
        "Entity with locale: ja already exists. Try updating.", "/data/attributes/locale");
    refused(server.send("POST", "/v1/appInfoLocalizations",
            body("appInfoLocalizations", "{\"locale\":\"jp\",\"name\":\"Ledgerly\"}", "appInfo", "appInfos", EDITABLE_INFO)),
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "The language specified is not listed for localization",
        "/data/attributes/locale");
  }

  @Test
  void reviewInformationNeedsItsContactOneFieldPerAttemptAndExistsOncePerVersion() {
    TestServer.Reply none = server.get("/v1/appStoreVersions/" + VERSION + "/appStoreReviewDetail");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("data").isNull()).isTrue();

    String required = "The provided entity is missing a required attribute";
    TestServer.Reply notesOnly = reviewDetail("{\"notes\":\"Demo data is preloaded.\"}");
    refused(notesOnly, "ENTITY_ERROR.ATTRIBUTE.REQUIRED", required,
        "You must provide a value for the attribute 'contactFirstName' with this request", "/data/attributes/contactFirstName");
    assertThat(notesOnly.header(DIAGNOSIS)).contains("contactFirstName");
    refused(reviewDetail("{\"contactFirstName\":\"Nora\",\"contactPhone\":\"+1 415 555 0100\",\"contactEmail\":\"nora@example.com\"}"),
        "ENTITY_ERROR.ATTRIBUTE.REQUIRED", required, "You must provide a value for the attribute 'contactLastName' with this request",
        "/data/attributes/contactLastName");

    TestServer.Reply noPhone = reviewDetail("{\"contactFirstName\":\"Nora\",\"contactLastName\":\"Castellanos\",\"contactEmail\":\"nora@example.com\"}");
    assertThat(noPhone.status()).isEqualTo(409);
    JsonNode errors = noPhone.json().get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.REQUIRED");
    assertThat(errors.get(0).path("detail").asText()).isEqualTo("You must provide a value for the attribute 'contactPhone' with this request");
    assertThat(errors.get(1).path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(errors.get(1).path("title").asText()).isEqualTo("An attribute value is invalid.");
    String phoneDetail = "The phone number must be in a valid format. Preface the phone number with '+' followed by the country code"
        + " (for example, +44 844 209 0611)";
    assertThat(errors.get(1).path("detail").asText()).isEqualTo(phoneDetail);
    assertThat(errors.get(1).at("/source/pointer").asText()).isEqualTo("/data/attributes/contactPhone");

    String contact = "\"contactFirstName\":\"Nora\",\"contactLastName\":\"Castellanos\",\"contactEmail\":\"nora@example.com\"";
    refused(reviewDetail("{" + contact + ",\"contactPhone\":\"415 555 0100\"}"), "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "An attribute value is invalid.", phoneDetail, "/data/attributes/contactPhone");

    String detail = created(reviewDetail("{" + contact + ",\"contactPhone\":\"+1 (415) 555-0100\",\"notes\":\"Tap Skip on sign-in.\"}"));
    TestServer.Reply read = server.get("/v1/appStoreVersions/" + VERSION + "/appStoreReviewDetail");
    assertThat(read.json().at("/data/id").asText()).isEqualTo(detail);
    assertThat(read.json().at("/data/attributes/contactLastName").asText()).isEqualTo("Castellanos");

    TestServer.Reply second = reviewDetail("{" + contact + ",\"contactPhone\":\"+1 415 555 0100\"}");
    JsonNode exists = AppleErrors.onlyError(second, 409, "id", "status", "code", "title", "detail");
    assertThat(exists.path("code").asText()).isEqualTo("STATE_ERROR.ALREADY_EXISTS");
    assertThat(exists.path("title").asText()).isEqualTo("Resource already exists.");
    assertThat(exists.path("detail").asText()).isEqualTo("The given app version already has an existing review.");
    assertThat(second.header(DIAGNOSIS)).contains("PATCH /v1/appStoreReviewDetails/" + detail);

    String patch = "{\"data\":{\"type\":\"appStoreReviewDetails\",\"id\":\"" + detail + "\",\"attributes\":%s}}";
    TestServer.Reply notes = server.send("PATCH", "/v1/appStoreReviewDetails/" + detail, patch.formatted("{\"notes\":\"Use the demo budget.\"}"));
    assertThat(notes.status()).as(notes.body()).isEqualTo(200);
    assertThat(notes.json().at("/data/attributes/notes").asText()).isEqualTo("Use the demo budget.");
    TestServer.Reply cleared = server.send("PATCH", "/v1/appStoreReviewDetails/" + detail, patch.formatted("{\"contactPhone\":null}"));
    assertThat(cleared.status()).isEqualTo(409);
    assertThat(cleared.json().get("errors")).hasSize(2);
    assertThat(cleared.header(DIAGNOSIS)).contains("after this PATCH");
    assertThat(server.get("/v1/appStoreReviewDetails/" + detail).json().at("/data/attributes/contactPhone").asText())
        .as("nothing stored").isEqualTo("+1 (415) 555-0100");
  }

  @Test
  void oneSetPerDisplayTypeAndAtMostTenScreenshotsOrThreePreviews() {
    String localization = created(versionLocalization("it"));
    String shotSet = created(server.send("POST", "/v1/appScreenshotSets", body("appScreenshotSets",
        "{\"screenshotDisplayType\":\"APP_IPHONE_67\"}", "appStoreVersionLocalization", "appStoreVersionLocalizations", localization)));
    TestServer.Reply twice = server.send("POST", "/v1/appScreenshotSets", body("appScreenshotSets",
        "{\"screenshotDisplayType\":\"APP_IPHONE_67\"}", "appStoreVersionLocalization", "appStoreVersionLocalizations", localization));
    refused(twice, "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.", "Screenshot Set Already Exists!", null);
    assertThat(twice.header(DIAGNOSIS)).contains("APP_IPHONE_67");
    created(server.send("POST", "/v1/appScreenshotSets", body("appScreenshotSets",
        "{\"screenshotDisplayType\":\"APP_IPAD_PRO_3GEN_129\"}", "appStoreVersionLocalization", "appStoreVersionLocalizations", localization)));

    for (int i = 1; i <= 10; i++) {
      created(server.send("POST", "/v1/appScreenshots", body("appScreenshots", "{\"fileName\":\"shot" + i + ".png\",\"fileSize\":2048}",
          "appScreenshotSet", "appScreenshotSets", shotSet)));
    }
    TestServer.Reply eleventh = server.send("POST", "/v1/appScreenshots", body("appScreenshots", "{\"fileName\":\"shot11.png\",\"fileSize\":2048}",
        "appScreenshotSet", "appScreenshotSets", shotSet));
    refused(eleventh, "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.", "Too many screenshots (10)", null);
    assertThat(Docs.ids(server.get("/v1/appScreenshotSets/" + shotSet + "/appScreenshots"))).hasSize(10);

    String previewSet = created(server.send("POST", "/v1/appPreviewSets", body("appPreviewSets", "{\"previewType\":\"IPHONE_67\"}",
        "appStoreVersionLocalization", "appStoreVersionLocalizations", localization)));
    refused(server.send("POST", "/v1/appPreviewSets", body("appPreviewSets", "{\"previewType\":\"IPHONE_67\"}",
            "appStoreVersionLocalization", "appStoreVersionLocalizations", localization)),
        "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.", "Preview Set Already Exists!", null);
    for (int i = 1; i <= 3; i++) {
      created(server.send("POST", "/v1/appPreviews", body("appPreviews", "{\"fileName\":\"preview" + i + ".mov\",\"fileSize\":4096}",
          "appPreviewSet", "appPreviewSets", previewSet)));
    }
    refused(server.send("POST", "/v1/appPreviews", body("appPreviews", "{\"fileName\":\"preview4.mov\",\"fileSize\":4096}",
            "appPreviewSet", "appPreviewSets", previewSet)),
        "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.", "Too many previews (3)", null);
  }

  @Test
  void theDemoSeedShowsAVersionWaitingForReviewOneRejectedAndAPhasedRelease() {
    JsonNode waiting = server.get("/v1/reviewSubmissions?filter[app]=1600000003&include=items,appStoreVersionForReview").json();
    assertThat(waiting.at("/data/0/attributes/state").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(waiting.at("/data/0/attributes/platform").asText()).isEqualTo("TV_OS");
    JsonNode tvVersion = Docs.find(waiting.path("included"), "appStoreVersions");
    assertThat(tvVersion.at("/attributes/versionString").asText()).isEqualTo("1.7.0");
    assertThat(tvVersion.at("/attributes/appVersionState").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(Docs.find(waiting.path("included"), "reviewSubmissionItems").at("/attributes/state").asText()).isEqualTo("READY_FOR_REVIEW");
    String tvId = tvVersion.path("id").asText();
    assertThat(server.get("/v1/appStoreVersions/" + tvId + "/appStoreReviewDetail").json().at("/data/attributes/contactPhone").asText())
        .startsWith("+1");
    JsonNode english = server.get("/v1/appStoreVersions/" + tvId + "/appStoreVersionLocalizations?filter[locale]=en-US&include=appScreenshotSets")
        .json();
    assertThat(Docs.find(english.path("included"), "appScreenshotSets").at("/attributes/screenshotDisplayType").asText()).isEqualTo("APP_APPLE_TV");
    assertThat(Docs.ids(server.get("/v1/apps/1600000003/appInfos")).stream()
        .map(id -> server.get("/v1/appInfos/" + id).json().at("/data/attributes/state").asText()))
        .containsExactlyInAnyOrder("READY_FOR_DISTRIBUTION", "WAITING_FOR_REVIEW");

    JsonNode rejected = server.get("/v1/reviewSubmissions?filter[app]=1600000004&include=items,appStoreVersionForReview").json();
    assertThat(rejected.at("/data/0/attributes/state").asText()).isEqualTo("UNRESOLVED_ISSUES");
    assertThat(Docs.find(rejected.path("included"), "appStoreVersions").at("/attributes/appVersionState").asText()).isEqualTo("REJECTED");
    assertThat(Docs.find(rejected.path("included"), "reviewSubmissionItems").at("/attributes/state").asText()).isEqualTo("REJECTED");

    JsonNode phased = server.get("/v1/appStoreVersions/85dafaa6-42fa-5fa8-87a4-34aaedc73960/appStoreVersionPhasedRelease").json();
    assertThat(phased.at("/data/attributes/phasedReleaseState").asText()).isEqualTo("ACTIVE");
    assertThat(phased.at("/data/attributes/currentDayNumber").asInt()).isEqualTo(3);
  }
}
