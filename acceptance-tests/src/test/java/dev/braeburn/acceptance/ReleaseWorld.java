package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * An app of its own for the release suites, loaded through the admin API so the suites do not
 * depend on the demo seed's stages: Harbor Lights, live on iOS as 1.0.0 (localized in en-US and
 * de-DE, with a review contact, a live app info with its localization, category and age rating),
 * and builds of every kind a version may or may not take. {@link #resource} adds more.
 */
final class ReleaseWorld implements AutoCloseable {
  static final String APP = "1700000001";
  static final String OTHER_APP = "1700000002";
  static final String LIVE = "hl-version-1-0-0";
  static final String LIVE_INFO = "hl-info-live";
  static final String LIVE_BUILD = "hl-build-1";
  static final String VALID_BUILD = "hl-build-2"; // iOS 1.1.0, processed, eligible
  static final String PROCESSING_BUILD = "hl-build-3";
  static final String EXPIRED_BUILD = "hl-build-4";
  static final String INTERNAL_BUILD = "hl-build-5"; // Xcode Cloud "TestFlight (Internal Testing Only)"
  static final String MAC_BUILD = "hl-build-6";
  static final String OTHER_APPS_BUILD = "ot-build-1";
  static final String VERSION_EVENT = "appStoreVersionAppVersionStateUpdated";

  final TestServer server;
  /** Receives the app's version-state webhooks (see {@link #start}). */
  WebhookReceiver receiver;
  private final ArrayNode data = TestServer.JSON.createArrayNode();

  ReleaseWorld(TestServer server) {
    this.server = server;
  }

  /**
   * A demo-seeded server with the standard world, what {@code more} adds, a webhook of the app for
   * version state changes delivering to {@link #receiver}, and the clock frozen.
   */
  static ReleaseWorld start(java.util.function.Consumer<ReleaseWorld> more) throws Exception {
    ReleaseWorld w = standard(TestServer.start("demo"));
    more.accept(w);
    w.load();
    w.receiver = new WebhookReceiver();
    w.webhook(w.receiver.url());
    w.server.admin("POST", "/_braeburn/clock/freeze", null, null);
    return w;
  }

  @Override
  public void close() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    server.close();
  }

  /** The standard world: the app live on iOS 1.0.0 and its builds. */
  static ReleaseWorld standard(TestServer server) {
    ReleaseWorld w = new ReleaseWorld(server);
    w.resource("apps", APP, "{\"name\":\"Harbor Lights\",\"bundleId\":\"com.example.harborlights\",\"sku\":\"HL-1\",\"primaryLocale\":\"en-US\"}");
    w.resource("apps", OTHER_APP, "{\"name\":\"Other\",\"bundleId\":\"com.example.other\",\"sku\":\"OT-1\",\"primaryLocale\":\"en-US\"}");
    w.version(LIVE, "IOS", "1.0.0", "READY_FOR_DISTRIBUTION", "\"copyright\":\"2026 Harbor Labs\",\"releaseType\":\"AFTER_APPROVAL\","
        + "\"createdDate\":\"2026-06-01T10:00:00Z\"", "build=builds:" + LIVE_BUILD);
    w.resource("appStoreVersionLocalizations", "hl-loc-en", "{\"locale\":\"en-US\",\"description\":\"Lights of every harbor.\",\"keywords\":"
        + "\"harbor,lights\",\"marketingUrl\":\"https://example.com/hl\",\"supportUrl\":\"https://example.com/hl/support\",\"promotionalText\":"
        + "\"Now with fog.\",\"whatsNew\":\"First release.\"}", "appStoreVersion=appStoreVersions:" + LIVE);
    w.resource("appStoreVersionLocalizations", "hl-loc-de", "{\"locale\":\"de-DE\",\"description\":\"Hafenlichter.\",\"keywords\":\"hafen\","
        + "\"supportUrl\":\"https://example.com/hl/de\",\"whatsNew\":\"Erste Version.\"}", "appStoreVersion=appStoreVersions:" + LIVE);
    w.resource("appStoreReviewDetails", "hl-review", "{\"contactFirstName\":\"Ines\",\"contactLastName\":\"Moreau\",\"contactPhone\":"
        + "\"+33 1 23 45 67 89\",\"contactEmail\":\"ines@example.com\",\"demoAccountRequired\":false,\"notes\":\"No login.\"}",
        "appStoreVersion=appStoreVersions:" + LIVE);
    w.resource("ageRatingDeclarations", LIVE_INFO, "{\"gambling\":false,\"violenceRealistic\":\"NONE\",\"messagingAndChat\":true}");
    w.resource("appInfos", LIVE_INFO, "{\"state\":\"READY_FOR_DISTRIBUTION\",\"appStoreState\":\"READY_FOR_SALE\"}", "app=apps:" + APP,
        "ageRatingDeclaration=ageRatingDeclarations:" + LIVE_INFO, "primaryCategory=appCategories:WEATHER");
    w.resource("appInfoLocalizations", "hl-info-en", "{\"locale\":\"en-US\",\"name\":\"Harbor Lights\",\"subtitle\":\"Every light, every night\","
        + "\"privacyPolicyUrl\":\"https://example.com/privacy\"}", "appInfo=appInfos:" + LIVE_INFO);
    w.resource("preReleaseVersions", "hl-pre-1-0-0", "{\"version\":\"1.0.0\",\"platform\":\"IOS\"}", "app=apps:" + APP);
    w.resource("preReleaseVersions", "hl-pre-1-1-0", "{\"version\":\"1.1.0\",\"platform\":\"IOS\"}", "app=apps:" + APP);
    w.resource("preReleaseVersions", "hl-pre-mac", "{\"version\":\"1.1.0\",\"platform\":\"MAC_OS\"}", "app=apps:" + APP);
    w.resource("preReleaseVersions", "ot-pre", "{\"version\":\"1.1.0\",\"platform\":\"IOS\"}", "app=apps:" + OTHER_APP);
    w.build(LIVE_BUILD, "1", "VALID", false, "APP_STORE_ELIGIBLE", APP, "hl-pre-1-0-0");
    w.build(VALID_BUILD, "2", "VALID", false, "APP_STORE_ELIGIBLE", APP, "hl-pre-1-1-0");
    w.build(PROCESSING_BUILD, "3", "PROCESSING", false, "APP_STORE_ELIGIBLE", APP, "hl-pre-1-1-0");
    w.build(EXPIRED_BUILD, "4", "VALID", true, "APP_STORE_ELIGIBLE", APP, "hl-pre-1-1-0");
    w.build(INTERNAL_BUILD, "5", "VALID", false, "INTERNAL_ONLY", APP, "hl-pre-1-1-0");
    w.build(MAC_BUILD, "6", "VALID", false, "APP_STORE_ELIGIBLE", APP, "hl-pre-mac");
    w.build(OTHER_APPS_BUILD, "1", "VALID", false, "APP_STORE_ELIGIBLE", OTHER_APP, "ot-pre");
    return w;
  }

  /** A version of the app with both state attributes (appStoreState through Apple's mapping for the states used here). */
  ReleaseWorld version(String id, String platform, String versionString, String state, String moreAttributes, String... relationships) {
    String storeState = switch (state) {
      case "READY_FOR_DISTRIBUTION" -> "READY_FOR_SALE";
      case "PROCESSING_FOR_DISTRIBUTION" -> "PROCESSING_FOR_APP_STORE";
      default -> state;
    };
    String[] rels = new String[relationships.length + 1];
    rels[0] = "app=apps:" + APP;
    System.arraycopy(relationships, 0, rels, 1, relationships.length);
    return resource("appStoreVersions", id, "{\"platform\":\"" + platform + "\",\"versionString\":\"" + versionString + "\",\"appVersionState\":\""
        + state + "\",\"appStoreState\":\"" + storeState + "\"" + (moreAttributes.isEmpty() ? "" : "," + moreAttributes) + "}", rels);
  }

  ReleaseWorld build(String id, String number, String processing, boolean expired, String audience, String app, String preRelease) {
    return resource("builds", id, "{\"version\":\"" + number + "\",\"processingState\":\"" + processing + "\",\"expired\":" + expired
        + ",\"buildAudienceType\":\"" + audience + "\",\"uploadedDate\":\"2026-06-01T09:00:00Z\"}", "app=apps:" + app,
        "preReleaseVersion=preReleaseVersions:" + preRelease);
  }

  /** A resource with attributes (JSON) and to-one relationships written {@code name=type:id}. */
  ReleaseWorld resource(String type, String id, String attributes, String... relationships) {
    ObjectNode r = data.addObject().put("type", type).put("id", id);
    try {
      r.set("attributes", TestServer.JSON.readTree(attributes));
    } catch (Exception e) {
      throw new IllegalArgumentException(attributes, e);
    }
    ObjectNode rels = r.putObject("relationships");
    for (String rel : relationships) {
      String[] nameAndTarget = rel.split("=", 2);
      String[] typeAndId = nameAndTarget[1].split(":", 2);
      rels.putObject(nameAndTarget[0]).putObject("data").put("type", typeAndId[0]).put("id", typeAndId[1]);
    }
    return this;
  }

  /** Loads what was added so far (through {@code POST /_braeburn/resources}) and starts a new batch. */
  void load() {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("data", data.deepCopy());
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", body.toString(), null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    data.removeAll();
  }

  // ---------------------------------------------------------------- calls shared by the release suites

  static String versionBody(String platform, String versionString, String extraAttributes) {
    return "{\"data\":{\"type\":\"appStoreVersions\",\"attributes\":{\"platform\":\"" + platform + "\",\"versionString\":\"" + versionString + "\""
        + (extraAttributes.isEmpty() ? "" : "," + extraAttributes) + "},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP
        + "\"}}}}}";
  }

  static String patchVersion(String id, String attributes, String relationships) {
    return "{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"" + id + "\",\"attributes\":{" + attributes + "}"
        + (relationships.isEmpty() ? "" : ",\"relationships\":{" + relationships + "}") + "}}";
  }

  static String buildLinkage(String buildId) {
    return "{\"data\":{\"type\":\"builds\",\"id\":\"" + buildId + "\"}}";
  }

  JsonNode get(String path) {
    TestServer.Reply r = server.get(path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  JsonNode attributes(String type, String id) {
    return get("/v1/" + type + "/" + id).at("/data/attributes");
  }

  String versionState(String id) {
    return attributes("appStoreVersions", id).path("appVersionState").asText();
  }

  /** Asserts a refusal: status, then each error's code, title, detail and pointer, then a diagnosis containing {@code diagnosisParts}. */
  static void refused(TestServer.Reply r, int status, List<List<String>> errors, String... diagnosisParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode got = r.json().path("errors");
    assertThat(got).as(r.body()).hasSize(errors.size());
    for (int i = 0; i < errors.size(); i++) {
      List<String> e = errors.get(i);
      JsonNode error = got.get(i);
      assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
      assertThat(error.path("code").asText()).as(r.body()).isEqualTo(e.get(0));
      assertThat(error.path("title").asText()).as(r.body()).isEqualTo(e.get(1));
      assertThat(error.path("detail").isMissingNode() ? null : error.path("detail").asText()).as(r.body()).isEqualTo(e.get(2));
      assertThat(error.at("/source/pointer").isMissingNode() ? null : error.at("/source/pointer").asText()).as(r.body()).isEqualTo(e.get(3));
      assertThat(error.path("id").asText()).matches("[0-9a-f-]{36}");
    }
    String diagnosis = r.header("x-braeburn-diagnosis");
    assertThat(diagnosis).as("diagnosis of " + r.body()).isNotBlank();
    for (String part : diagnosisParts) {
      assertThat(diagnosis).contains(part);
    }
  }

  Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  void advance(long seconds) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** A webhook of the app for version state changes, delivering to {@code url}. */
  void webhook(String url) {
    TestServer.Reply r = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, url, "release-secret",
        "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** "id old→new" of each version-state notification received. */
  static List<String> versionEvents(WebhookReceiver receiver) {
    return receiver.of(VERSION_EVENT).stream().map(n -> n.at("/data/relationships/instance/data/id").asText() + " "
        + n.at("/data/attributes/oldValue").asText() + "→" + n.at("/data/attributes/newValue").asText()).toList();
  }
}
