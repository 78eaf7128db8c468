package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.BuildUploads.PART;
import static dev.braeburn.acceptance.BuildUploads.commitBody;
import static dev.braeburn.acceptance.BuildUploads.icon;
import static dev.braeburn.acceptance.BuildUploads.ipa;
import static dev.braeburn.acceptance.BuildUploads.md5;
import static dev.braeburn.acceptance.BuildUploads.slice;
import static dev.braeburn.acceptance.BuildUploads.uploadBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Build uploads end to end over real HTTP (protocol.md §6.3, §7.1): a real .ipa made here (zip with
 * Payload/Demo.app/Info.plist and an app icon, padded past one 5 MiB part) is reserved, PUT in parts
 * in reverse order to Braeburn's own upload URLs without a JWT, committed with its MD5, and
 * processed on the virtual clock into a VALID build with icons served at any size.
 */
class BuildUploadAcceptanceTest {
  static final String APP = "1600000001"; // demo seed: Tideline
  static final String BUNDLE_ID = "com.tidewaterlabs.tideline";

  TestServer server;
  BuildUploads uploads;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    uploads = new BuildUploads(server);
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anIpaUploadedInPartsBecomesAValidBuildWithIconsLinkedBothWays() throws Exception {
    Instant start = now();
    byte[] ipa = ipa(BUNDLE_ID, "9.0", "100", true);
    assertThat((long) ipa.length).isGreaterThan(PART);
    String upload = createUpload("9.0", "100");
    JsonNode upState = server.get("/v1/buildUploads/" + upload).json().at("/data/attributes/state");
    assertThat(upState.path("state").asText()).isEqualTo("AWAITING_UPLOAD");
    assertThat(upState.path("errors").size()).isZero();

    JsonNode file = reserve(upload, ipa.length);
    JsonNode ops = file.at("/attributes/uploadOperations");
    assertThat(ops).hasSize(2);
    assertThat(ops.get(0).path("length").asLong()).isEqualTo(PART);
    assertThat(ops.get(1).path("length").asLong()).isEqualTo(ipa.length - PART);
    assertThat(ops.get(1).path("offset").asLong()).isEqualTo(PART);
    assertThat(ops.get(1).path("partNumber").asInt()).isEqualTo(2);
    assertThat(ops.get(0).path("method").asText()).isEqualTo("PUT");
    assertThat(ops.get(0).path("url").asText()).startsWith(server.baseUrl() + "/_uploads/");
    assertThat(ops.get(0).at("/requestHeaders/0/value").asText()).isEqualTo("application/octet-stream");
    assertThat(ops.get(0).path("entityTag").isNull()).isTrue();
    assertThat(Instant.parse(ops.get(0).path("expiration").asText())).isEqualTo(start.plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(file.at("/attributes/assetDeliveryState/state").asText()).isEqualTo("AWAITING_UPLOAD");

    for (int i = ops.size() - 1; i >= 0; i--) { // any order
      HttpResponse<byte[]> put = uploads.putPart(ops.get(i), ipa);
      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(put.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"" + md5(slice(ipa, ops.get(i))) + "\"");
    }
    assertThat(uploads.putPart(ops.get(0), ipa).statusCode()).as("re-sendable until the commit").isEqualTo(200);

    JsonNode committed = uploads.commit(file.path("id").asText(), md5(ipa), "MD5");
    assertThat(committed.at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");
    assertThat(committed.at("/data/attributes/uploadOperations/1/entityTag").asText()).isEqualTo("\"" + md5(slice(ipa, ops.get(1))) + "\"");
    assertThat(uploads.putPart(ops.get(0), ipa).statusCode()).as("no parts after the commit").isEqualTo(409);
    assertThat(uploadState(upload)).isEqualTo("PROCESSING");

    advance("{\"minutes\":3}");
    JsonNode withBuild = server.get("/v1/buildUploads/" + upload + "?include=build").json();
    assertThat(withBuild.at("/data/attributes/state/state").asText()).isEqualTo("COMPLETE");
    String buildId = withBuild.at("/data/relationships/build/data/id").asText();
    assertThat(buildId).isNotEmpty();
    assertThat(server.get("/v1/builds/" + buildId).json().at("/data/attributes/processingState").asText()).isEqualTo("PROCESSING");

    advance("{\"minutes\":10}");
    JsonNode build = server.get("/v1/builds/" + buildId + "?include=buildUpload,preReleaseVersion,buildBetaDetail,app").json();
    JsonNode attributes = build.at("/data/attributes");
    assertThat(attributes.path("processingState").asText()).isEqualTo("VALID");
    assertThat(attributes.path("version").asText()).isEqualTo("100");
    assertThat(attributes.path("expired").asBoolean()).isFalse();
    assertThat(attributes.path("minOsVersion").asText()).isEqualTo("17.0");
    assertThat(attributes.path("buildAudienceType").asText()).isEqualTo("APP_STORE_ELIGIBLE");
    Instant uploaded = Instant.parse(attributes.path("uploadedDate").asText());
    assertThat(Instant.parse(attributes.path("expirationDate").asText())).isEqualTo(uploaded.plus(Duration.ofDays(90)));
    assertThat(build.at("/data/relationships/buildUpload/data/id").asText()).isEqualTo(upload);
    assertThat(build.at("/data/relationships/app/data/id").asText()).isEqualTo(APP);
    JsonNode included = build.path("included");
    assertThat(Docs.find(included, "preReleaseVersions").at("/attributes/version").asText()).isEqualTo("9.0");
    assertThat(Docs.find(included, "preReleaseVersions").at("/attributes/platform").asText()).isEqualTo("IOS");
    assertThat(Docs.find(included, "buildBetaDetails").at("/attributes/internalBuildState").asText()).isEqualTo("READY_FOR_BETA_TESTING");
    assertThat(Docs.find(included, "buildBetaDetails").at("/attributes/externalBuildState").asText()).isEqualTo("READY_FOR_BETA_SUBMISSION");
    assertThat(server.get("/v1/apps/" + APP + "/buildUploads?filter[cfBundleVersion]=100").json().at("/data/0/id").asText()).isEqualTo(upload);

    // icons: the .ipa's AppIcon60x60@2x.png (120×120), served at any size as PNG or JPEG
    JsonNode icons = server.get("/v1/builds/" + buildId + "/icons").json().path("data");
    assertThat(icons).hasSize(1);
    JsonNode icon = icons.get(0).path("attributes");
    assertThat(icon.path("iconType").asText()).isEqualTo("APP_STORE");
    assertThat(icon.at("/iconAsset/width").asInt()).isEqualTo(120);
    String template = icon.at("/iconAsset/templateUrl").asText();
    assertThat(template).startsWith(server.baseUrl() + "/_assets/").endsWith("/{w}x{h}bb.{f}");
    assertThat(attributes.at("/iconAssetToken/templateUrl").asText()).isEqualTo(template);
    assertThat(server.get("/v1/builds/" + buildId + "/relationships/icons").json().at("/data/0/id").asText())
        .isEqualTo(icons.get(0).path("id").asText());
    BufferedImage png = uploads.image(template, 64, 64, "png", "image/png");
    assertThat(new int[] {png.getWidth(), png.getHeight()}).containsExactly(64, 64);
    assertThat(new Color(png.getRGB(32, 32)).getRed()).as("the .ipa's red icon, not a generated one").isGreaterThan(200);
    BufferedImage jpg = uploads.image(template, 200, 100, "jpg", "image/jpeg");
    assertThat(new int[] {jpg.getWidth(), jpg.getHeight()}).containsExactly(200, 100);
    for (String bad : List.of("0x0bb.png", "5000x10bb.png", "axbbb.png", "10x10bb.gif")) {
      HttpResponse<byte[]> r = uploads.get(template.replace("{w}x{h}bb.{f}", bad));
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("content-type").orElseThrow()).isEqualTo("application/json");
    }

    // 90 days after the upload the build expires, and so do its beta states
    advance("{\"days\":90}");
    JsonNode expired = server.get("/v1/builds/" + buildId + "?include=buildBetaDetail").json();
    assertThat(expired.at("/data/attributes/expired").asBoolean()).isTrue();
    assertThat(Docs.find(expired.path("included"), "buildBetaDetails").at("/attributes/externalBuildState").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void everyStateChangeIsAnnouncedToWebhooks() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      TestServer.Reply hook = server.send("POST", "/v1/webhooks", "{\"data\":{\"type\":\"webhooks\",\"attributes\":{\"name\":\"ci\",\"url\":\""
          + receiver.url() + "\",\"secret\":\"s3cr3t-value\",\"enabled\":true,\"eventTypes\":[\"BUILD_UPLOAD_STATE_UPDATED\","
          + "\"BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED\"]},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}");
      assertThat(hook.status()).as(hook.body()).isEqualTo(201);
      String upload = uploadAndCommit(ipa(BUNDLE_ID, "9.1", "7", false), "9.1", "7");
      advance("{\"minutes\":15}");
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode data = receiver.next().json().path("data");
        String instance = data.at("/relationships/instance/data/type").asText();
        events.add(instance.equals("buildUploads")
            ? data.at("/attributes/oldState").asText() + "→" + data.at("/attributes/newState").asText()
            : data.at("/attributes/oldExternalBuildState").asText() + "→" + data.at("/attributes/newExternalBuildState").asText());
        if (instance.equals("buildUploads")) {
          assertThat(data.at("/relationships/instance/data/id").asText()).isEqualTo(upload);
        }
      }
      assertThat(events).containsExactly("AWAITING_UPLOAD→PROCESSING", "PROCESSING→COMPLETE", "PROCESSING→READY_FOR_BETA_SUBMISSION");
    }
  }

  @Test
  void anAppWithoutIconGetsAGeneratedOne() throws Exception {
    String upload = uploadAndCommit(ipa(BUNDLE_ID, "9.2", "1", false), "9.2", "1");
    advance("{\"minutes\":15}");
    String buildId = server.get("/v1/buildUploads/" + upload + "?include=build").json().at("/data/relationships/build/data/id").asText();
    JsonNode token = server.get("/v1/builds/" + buildId).json().at("/data/attributes/iconAssetToken");
    assertThat(token.path("width").asInt()).isEqualTo(1024);
    BufferedImage png = uploads.image(token.path("templateUrl").asText(), 57, 57, "png", "image/png");
    assertThat(png.getWidth()).isEqualTo(57);
  }

  @Test
  void aWrongChecksumFailsTheFileAndTheUpload() throws Exception {
    byte[] ipa = ipa(BUNDLE_ID, "9.3", "1", false);
    String upload = createUpload("9.3", "1");
    JsonNode file = reserve(upload, ipa.length);
    file.at("/attributes/uploadOperations").forEach(op -> assertThat(uploads.putPart(op, ipa).statusCode()).isEqualTo(200));
    JsonNode committed = uploads.commit(file.path("id").asText(), "0123456789abcdef0123456789abcdef", "MD5");
    JsonNode delivery = committed.at("/data/attributes/assetDeliveryState");
    assertThat(delivery.path("state").asText()).isEqualTo("FAILED");
    assertThat(delivery.at("/errors/0/code").asText()).isEqualTo("CHECKSUM_MISMATCH");
    JsonNode state = server.get("/v1/buildUploads/" + upload).json().at("/data/attributes/state");
    assertThat(state.path("state").asText()).isEqualTo("FAILED");
    assertThat(state.at("/errors/0/code").asText()).isEqualTo("CHECKSUM_MISMATCH");
    advance("{\"minutes\":15}");
    assertThat(server.get("/v1/buildUploads/" + upload + "?include=build").json().at("/data/relationships/build/data").isNull()).isTrue();
    // §6.3: a FAILED upload cannot be deleted
    JsonNode e = AppleErrors.onlyError(server.send("DELETE", "/v1/buildUploads/" + upload, null), 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("STATE_ERROR.INVALID_STATE");
  }

  @Test
  void aCommitNeedsEveryPartAndAnMd5Checksum() throws Exception {
    byte[] ipa = ipa(BUNDLE_ID, "9.4", "1", false);
    String upload = createUpload("9.4", "1");
    JsonNode file = reserve(upload, ipa.length);
    String fileId = file.path("id").asText();
    assertThat(uploads.putPart(file.at("/attributes/uploadOperations/1"), ipa).statusCode()).isEqualTo(200); // part 1 of 2 missing

    TestServer.Reply sha = server.send("PATCH", "/v1/buildUploadFiles/" + fileId, commitBody(fileId, md5(ipa), "SHA_256"));
    JsonNode shaError = AppleErrors.onlyError(sha, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(shaError.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(shaError.at("/source/pointer").asText()).isEqualTo("/data/attributes/sourceFileChecksums/file/algorithm");

    TestServer.Reply missing = server.send("PATCH", "/v1/buildUploadFiles/" + fileId, commitBody(fileId, md5(ipa), "MD5"));
    JsonNode e = AppleErrors.onlyError(missing, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).startsWith("STATE_ERROR").contains("CONTENT_NOT_UPLOADED");
    assertThat(e.path("detail").asText()).contains("part(s) 1 of 2");
    assertThat(server.get("/v1/buildUploadFiles/" + fileId).json().at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("AWAITING_UPLOAD");
    assertThat(uploadState(upload)).isEqualTo("AWAITING_UPLOAD");

    // an upload still awaiting its file can be deleted, and its upload URLs go with it
    assertThat(server.send("DELETE", "/v1/buildUploads/" + upload, null).status()).isEqualTo(204);
    assertThat(uploads.putPart(file.at("/attributes/uploadOperations/0"), ipa).statusCode()).isEqualTo(404);
  }

  @Test
  void uploadUrlsCheckTokenPartLengthAndExpiry() throws Exception {
    byte[] ipa = ipa(BUNDLE_ID, "9.5", "1", false);
    String upload = createUpload("9.5", "1");
    JsonNode ops = reserve(upload, ipa.length).at("/attributes/uploadOperations");
    String url = ops.get(1).path("url").asText();

    HttpResponse<byte[]> wrongLength = uploads.put(url, Arrays.copyOf(ipa, 10));
    assertThat(wrongLength.statusCode()).isEqualTo(400);
    assertThat(json(wrongLength).at("/errors/0/status").asText()).isEqualTo("400");
    String token = url.substring(url.indexOf("/_uploads/") + 10, url.lastIndexOf('/'));
    HttpResponse<byte[]> foreign = uploads.put(server.baseUrl() + "/_uploads/" + token.substring(1) + "x/2", slice(ipa, ops.get(1)));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(json(foreign).at("/errors/0/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(uploads.put(server.baseUrl() + "/_uploads/" + token + "/3", new byte[1]).statusCode()).as("no part 3").isEqualTo(404);
    assertThat(uploads.put(url.replace("/_uploads/", "/_assets/"), slice(ipa, ops.get(1))).statusCode()).isGreaterThanOrEqualTo(400);

    advance("{\"days\":8}");
    HttpResponse<byte[]> expired = uploads.put(url, slice(ipa, ops.get(1)));
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(json(expired).at("/errors/0/detail").asText()).contains("expired");
  }

  @Test
  void anInfoPlistThatContradictsTheUploadFailsIt() throws Exception {
    String upload = uploadAndCommit(ipa("com.example.other", "9.6", "2", false), "9.6", "1");
    advance("{\"minutes\":15}");
    JsonNode state = server.get("/v1/buildUploads/" + upload + "?include=build").json().path("data");
    assertThat(state.at("/attributes/state/state").asText()).isEqualTo("FAILED");
    List<String> codes = new ArrayList<>();
    state.at("/attributes/state/errors").forEach(e -> codes.add(e.path("code").asText()));
    assertThat(codes).containsExactly("ITMS-90054", "ITMS-90057");
    assertThat(state.at("/attributes/state/errors/0/description").asText()).contains("com.example.other").contains(BUNDLE_ID);
    assertThat(state.at("/relationships/build/data").isNull()).isTrue();

    String notAnIpa = uploadAndCommit("not a zip".getBytes(StandardCharsets.UTF_8), "9.6", "3");
    advance("{\"minutes\":15}");
    assertThat(server.get("/v1/buildUploads/" + notAnIpa).json().at("/data/attributes/state/errors/0/code").asText()).isEqualTo("ITMS-90085");
  }

  @Test
  void aBundleVersionMustBeHigherThanTheOnesUploaded() throws Exception {
    createUpload("9.7", "10");
    for (String version : List.of("10", "9", "9.9")) {
      TestServer.Reply r = server.send("POST", "/v1/buildUploads", uploadBody(APP, "9.7", version));
      JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail", "source", "meta");
      assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE");
      assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/attributes/cfBundleVersion");
      assertThat(e.at("/meta/previousBundleVersion").asText()).isEqualTo("10");
    }
    assertThat(server.send("POST", "/v1/buildUploads", uploadBody(APP, "9.7", "10.1")).status()).isEqualTo(201);
    assertThat(server.send("POST", "/v1/buildUploads", uploadBody(APP, "9.8", "1")).status()).as("another short version").isEqualTo(201);
    // the seed's builds count too: 3.4.1 already has build 405
    assertThat(server.send("POST", "/v1/buildUploads", uploadBody(APP, "3.4.1", "400")).status()).isEqualTo(409);

    JsonNode noApp = AppleErrors.onlyError(server.send("POST", "/v1/buildUploads", uploadBody(null, "9.9", "1")), 409,
        "id", "status", "code", "title", "detail", "source");
    assertThat(noApp.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.REQUIRED");
    assertThat(noApp.path("detail").asText()).isEqualTo("You must provide a value for the relationship 'app'");
  }

  @Test
  void injectedFailuresMakeProcessingFailAsApplesDoes() throws Exception {
    assertThat(failure("INVALID_BINARY").status()).isEqualTo(200);
    String invalid = buildOf(uploadAndCommit(ipa(BUNDLE_ID, "9.10", "1", false), "9.10", "1"));
    JsonNode build = server.get("/v1/builds/" + invalid + "?include=buildBetaDetail").json();
    assertThat(build.at("/data/attributes/processingState").asText()).isEqualTo("INVALID");
    assertThat(Docs.find(build.path("included"), "buildBetaDetails").at("/attributes/internalBuildState").asText()).isEqualTo("PROCESSING_EXCEPTION");

    assertThat(failure("MISSING_EXPORT_COMPLIANCE").status()).isEqualTo(200);
    String waiting = buildOf(uploadAndCommit(ipa(BUNDLE_ID, "9.10", "2", false), "9.10", "2"));
    JsonNode detail = server.get("/v1/builds/" + waiting + "/buildBetaDetail").json().at("/data/attributes");
    assertThat(detail.path("internalBuildState").asText()).isEqualTo("MISSING_EXPORT_COMPLIANCE");
    assertThat(detail.path("externalBuildState").asText()).isEqualTo("MISSING_EXPORT_COMPLIANCE");
    assertThat(server.get("/v1/builds/" + waiting).json().at("/data/attributes/processingState").asText()).isEqualTo("VALID");
    TestServer.Reply answered = server.send("PATCH", "/v1/builds/" + waiting,
        "{\"data\":{\"type\":\"builds\",\"id\":\"" + waiting + "\",\"attributes\":{\"usesNonExemptEncryption\":false}}}");
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    assertThat(server.get("/v1/builds/" + waiting + "/buildBetaDetail").json().at("/data/attributes/internalBuildState").asText())
        .isEqualTo("READY_FOR_BETA_TESTING");
    TestServer.Reply changed = server.send("PATCH", "/v1/builds/" + waiting,
        "{\"data\":{\"type\":\"builds\",\"id\":\"" + waiting + "\",\"attributes\":{\"usesNonExemptEncryption\":true}}}");
    assertThat(changed.json().at("/errors/0/detail").asText()).isEqualTo("You cannot update when the value is already set.");

    assertThat(failure(null).status()).isEqualTo(200);
    assertThat(server.admin("GET", "/_braeburn/uploads/failures?appId=" + APP, null, null).json().path("failure").isNull()).isTrue();
    assertThat(failure("SOMETHING").status()).isEqualTo(409);
  }

  @Test
  void aScreenshotIsReservedUploadedCommittedAndServedAtAnySize() throws Exception {
    TestServer.Reply set = server.send("POST", "/v1/appScreenshotSets", "{\"data\":{\"type\":\"appScreenshotSets\",\"attributes\":"
        + "{\"screenshotDisplayType\":\"APP_IPHONE_67\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":"
        + "{\"type\":\"appStoreVersionLocalizations\",\"id\":\"cddec1c8-5ede-52c2-ad7e-1025e2774d7e\"}}}}}"); // the editable 3.5.0: a live version takes no screenshots
    assertThat(set.status()).as(set.body()).isEqualTo(201);
    String setId = set.json().at("/data/id").asText();
    byte[] png = icon(300);
    String good = screenshot(setId, png, md5(png));
    String wrongChecksum = screenshot(setId, png, "0123456789abcdef0123456789abcdef");
    byte[] notAnImage = "not an image".getBytes(StandardCharsets.UTF_8);
    String unreadable = screenshot(setId, notAnImage, md5(notAnImage));
    assertThat(server.get("/v1/appScreenshots/" + good).json().at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");
    assertThat(server.get("/v1/appScreenshots/" + wrongChecksum).json().at("/data/attributes/assetDeliveryState/errors/0/code").asText())
        .isEqualTo("CHECKSUM_MISMATCH");

    advance("{\"minutes\":2}");
    JsonNode done = server.get("/v1/appScreenshots/" + good).json().at("/data/attributes");
    assertThat(done.at("/assetDeliveryState/state").asText()).isEqualTo("COMPLETE");
    assertThat(done.at("/imageAsset/width").asInt()).isEqualTo(300);
    BufferedImage scaled = uploads.image(done.at("/imageAsset/templateUrl").asText(), 100, 200, "jpg", "image/jpeg");
    assertThat(new int[] {scaled.getWidth(), scaled.getHeight()}).containsExactly(100, 200);
    JsonNode failed = server.get("/v1/appScreenshots/" + unreadable).json().at("/data/attributes/assetDeliveryState");
    assertThat(failed.path("state").asText()).isEqualTo("FAILED");
    assertThat(failed.at("/errors/0/code").asText()).isEqualTo("IMAGE_TOOL_FAILURE");
  }

  private String screenshot(String setId, byte[] file, String checksum) {
    TestServer.Reply r = server.send("POST", "/v1/appScreenshots", "{\"data\":{\"type\":\"appScreenshots\",\"attributes\":{\"fileName\":"
        + "\"shot.png\",\"fileSize\":" + file.length + "},\"relationships\":{\"appScreenshotSet\":{\"data\":{\"type\":\"appScreenshotSets\","
        + "\"id\":\"" + setId + "\"}}}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode data = r.json().path("data");
    JsonNode op = data.at("/attributes/uploadOperations/0");
    assertThat(op.at("/requestHeaders/0/value").asText()).isEqualTo("image/png");
    assertThat(data.at("/attributes/assetDeliveryState/state").asText()).isEqualTo("AWAITING_UPLOAD");
    assertThat(uploads.putPart(op, file).statusCode()).isEqualTo(200);
    String id = data.path("id").asText();
    TestServer.Reply committed = server.send("PATCH", "/v1/appScreenshots/" + id, "{\"data\":{\"type\":\"appScreenshots\",\"id\":\"" + id
        + "\",\"attributes\":{\"uploaded\":true,\"sourceFileChecksum\":\"" + checksum + "\"}}}");
    assertThat(committed.status()).as(committed.body()).isEqualTo(200);
    return id;
  }

  // ---------------------------------------------------------------- steps

  private TestServer.Reply failure(String failure) {
    return server.admin("POST", "/_braeburn/uploads/failures",
        "{\"appId\":\"" + APP + "\",\"failure\":" + (failure == null ? "null" : "\"" + failure + "\"") + "}", null);
  }

  private String buildOf(String upload) {
    advance("{\"minutes\":15}");
    String id = server.get("/v1/buildUploads/" + upload + "?include=build").json().at("/data/relationships/build/data/id").asText();
    assertThat(id).as("a build for upload " + upload).isNotEmpty();
    return id;
  }

  private String uploadAndCommit(byte[] file, String shortVersion, String version) {
    String upload = createUpload(shortVersion, version);
    JsonNode reserved = reserve(upload, file.length);
    reserved.at("/attributes/uploadOperations").forEach(op -> assertThat(uploads.putPart(op, file).statusCode()).isEqualTo(200));
    JsonNode committed = uploads.commit(reserved.path("id").asText(), md5(file), "MD5");
    assertThat(committed.at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");
    return upload;
  }

  private String createUpload(String shortVersion, String version) {
    return uploads.createUpload(APP, shortVersion, version);
  }

  private JsonNode reserve(String upload, long size) {
    return uploads.reserve(upload, "Demo.ipa", size);
  }

  private String uploadState(String upload) {
    return server.get("/v1/buildUploads/" + upload).json().at("/data/attributes/state/state").asText();
  }

  private void advance(String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return TestServer.JSON.readTree(r.body());
  }
}
