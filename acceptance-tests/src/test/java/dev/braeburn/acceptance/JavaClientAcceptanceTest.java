package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.api.ApiErrorException;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import dev.braeburn.client.api.Document;
import dev.braeburn.client.api.Ref;
import dev.braeburn.client.api.Resource;
import dev.braeburn.client.api.RetryPolicy;
import dev.braeburn.client.api.Sleeper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * braeburn-client's {@link AppStoreConnectClient} and {@link BraeburnAdmin} against a real server:
 * paging (also through Apple's endless-next quirk), retries through injected 429s with a recording
 * sleeper, Apple's errors with Braeburn's diagnosis, and a key made by the admin client in use.
 */
class JavaClientAcceptanceTest {
  static final String APP = "1700001818";
  static final int PURCHASES = 5;
  static TestServer server;
  static BraeburnAdmin admin;

  /** Records each wait instead of taking it: the tests never sleep. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>()); // upload parts back off on their own threads

    @Override
    public void sleep(Duration d) {
      waits.add(d);
    }
  }

  final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null, c -> c); // Apple's rate limit on, so X-Rate-Limit is sent
    admin = new BraeburnAdmin(server.baseUrl(), server.server.adminToken());
    StringBuilder data = new StringBuilder("{\"data\":[{\"type\":\"apps\",\"id\":\"" + APP + "\",\"attributes\":{\"name\":\"Client\","
        + "\"bundleId\":\"com.example.client\",\"sku\":\"CLIENT\",\"primaryLocale\":\"en-US\"}}");
    for (int i = 0; i < PURCHASES; i++) {
      data.append(",{\"type\":\"inAppPurchases\",\"id\":\"iap-").append(i).append("\",\"attributes\":{\"name\":\"Gems ").append(i)
          .append("\",\"productId\":\"com.example.client.gems").append(i).append("\",\"inAppPurchaseType\":\"CONSUMABLE\"},")
          .append("\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"").append(APP).append("\"}}}}");
    }
    admin.call("POST", "/_braeburn/resources", TestServer.JSON.readTree(data.append("]}").toString()), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void clean() {
    admin.clearFaults();
    admin.deleteQuirk("endlessNextOnEmptyPages", null);
  }

  private AppStoreConnectClient client(RetryPolicy retry) {
    return AppStoreConnectClient.builder(server.keyFile()).baseUrl(server.baseUrl())
        .retryPolicy(retry.withJitter(() -> 1.0)).sleeper(sleeper).build();
  }

  private AppStoreConnectClient client() {
    return client(RetryPolicy.of(4, Duration.ofSeconds(1), Duration.ofSeconds(30)));
  }

  private static String purchases() {
    return "/v1/apps/" + APP + "/inAppPurchasesV2";
  }

  @Test
  void pagingWithLimitTwoGetsEveryPurchase() {
    List<Document> pages = new ArrayList<>();
    client().pages(purchases(), Map.of("limit", "2")).forEach(pages::add);
    assertThat(pages).hasSize(3);
    assertThat(pages.getLast().links().next()).isEmpty();
    assertThat(client().all(purchases(), Map.of("limit", "2"))).extracting(Resource::id)
        .containsExactlyInAnyOrder("iap-0", "iap-1", "iap-2", "iap-3", "iap-4");
  }

  @Test
  void thePagerStopsOnAnEmptyPageThoughApplesEndlessNextGoesOn() {
    admin.putQuirk("endlessNextOnEmptyPages", null, null);
    List<Document> pages = client().streamPages(purchases(), Map.of("limit", "2")).limit(20).toList(); // a trapped pager fails, not hangs
    assertThat(pages).hasSize(4);
    assertThat(pages.getLast().data()).isEmpty();
    assertThat(pages.getLast().links().next()).as("the quirk is on: next is still sent").isPresent();
    assertThat(pages.stream().flatMap(p -> p.data().stream()).map(Resource::id).distinct()).hasSize(PURCHASES);
  }

  @Test
  void injected429sAreRetriedWithGrowingWaitsThroughToSuccess() {
    admin.addFault("{\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":429},\"count\":2}");
    AppStoreConnectClient client = client();
    Document apps = client.get("/v1/apps");
    assertThat(apps.data()).extracting(Resource::id).contains(APP);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(client.rateLimitRemaining()).isPresent();
    assertThat(client.rateLimitRemaining().getAsLong()).isBetween(1L, 3599L);
    assertThat(admin.faults().toString()).contains("\"injected\":2");
  }

  @Test
  void retriesRunOutIntoAnApiErrorWithTheDiagnosis() {
    admin.addFault("{\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":5}");
    AppStoreConnectClient client = client(RetryPolicy.of(3, Duration.ofMillis(100), Duration.ofMillis(150)));
    ApiErrorException e = catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/apps"));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.code()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(e.diagnosis()).startsWith("injected fault");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void aDroppedConnectionIsRetriedForAGetButNotForAPost() {
    admin.addFault("{\"match\":{\"method\":\"GET\",\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"drop\"},\"count\":3}");
    AppStoreConnectClient client = client();
    assertThat(client.get("/v1/apps").data()).extracting(Resource::id).contains(APP);
    // the JDK's HttpClient itself resends a GET once on a pooled connection that closes, so three drops it is
    assertThat(sleeper.waits).as("the client backed off").isNotEmpty().startsWith(Duration.ofSeconds(1));
    int waits = sleeper.waits.size();

    admin.addFault("{\"match\":{\"method\":\"POST\",\"path\":\"/v1/bundleIds\"},\"fault\":{\"type\":\"drop\"},\"count\":1}");
    assertThatThrownBy(() -> client.create("bundleIds", AppStoreConnectClient.attributes()
        .put("identifier", "com.example.client.dropped").put("name", "Dropped").put("platform", "IOS"), Map.of()))
        .as("a POST that may have landed is not sent twice").isInstanceOf(UncheckedIOException.class);
    assertThat(sleeper.waits).hasSize(waits);
  }

  @Test
  void createUpdateAndDeleteWithApplesValidationErrorsSurfaced() {
    AppStoreConnectClient client = client();
    Resource created = client.create("bundleIds", AppStoreConnectClient.attributes()
        .put("identifier", "com.example.client.made").put("name", "Made By Client").put("platform", "IOS"), Map.of()).resource();
    assertThat(created.attribute("identifier")).isEqualTo("com.example.client.made");

    Resource renamed = client.update("bundleIds", created.id(), AppStoreConnectClient.attributes().put("name", "Renamed"), Map.of()).resource();
    assertThat(renamed.attribute("name")).isEqualTo("Renamed");

    ApiErrorException invalid = catchThrowableOfType(ApiErrorException.class,
        () -> client.update("bundleIds", created.id(), AppStoreConnectClient.attributes().put("name", "com.example"), Map.of()));
    assertThat(invalid.status()).isEqualTo(409);
    assertThat(invalid.errors()).singleElement().satisfies(err -> {
      assertThat(err.code()).startsWith("ENTITY_ERROR");
      assertThat(err.detail()).contains("'com.example' is not a valid name");
    });
    assertThat(invalid.diagnosis()).as("Braeburn says why").isNotBlank();
    assertThat(sleeper.waits).as("a 409 is not retried").isEmpty();

    client.delete("bundleIds", created.id());
    ApiErrorException gone = catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/bundleIds/" + created.id()));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aKeyTheAdminClientCreatesWorksInTheClient() {
    BraeburnAdmin.CreatedKey key = admin.createKey("DEVELOPER");
    assertThat(key.privateKeyPem()).contains("BEGIN PRIVATE KEY");
    AppStoreConnectClient client = AppStoreConnectClient.builder(key.apiKeyFile()).baseUrl(server.baseUrl()).build();
    assertThat(client.get("/v1/apps", Map.of("filter[bundleId]", "com.example.client")).data())
        .extracting(Resource::id).containsExactly(APP);

    admin.revokeKey(key.keyId());
    ApiErrorException revoked = catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/apps"));
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.diagnosis()).isNotBlank();
  }

  @Test
  void aScreenshotReachesCompleteThroughTheClientAndAPartFailingOnceIsRetried(@TempDir Path dir) throws Exception {
    String localization = "client-loc-en";
    String set = "client-shots-65";
    admin.loadResources(TestServer.JSON.readTree("{\"data\":["
        + "{\"type\":\"appStoreVersions\",\"id\":\"client-v2\",\"attributes\":{\"platform\":\"IOS\",\"versionString\":\"2.0\","
        + "\"appStoreState\":\"PREPARE_FOR_SUBMISSION\",\"appVersionState\":\"PREPARE_FOR_SUBMISSION\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}},"
        + "{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + localization + "\",\"attributes\":{\"locale\":\"en-US\"},"
        + "\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"client-v2\"}}}},"
        + "{\"type\":\"appScreenshotSets\",\"id\":\"" + set + "\",\"attributes\":{\"screenshotDisplayType\":\"APP_IPHONE_65\"},"
        + "\"relationships\":{\"appStoreVersionLocalization\":{\"data\":{\"type\":\"appStoreVersionLocalizations\",\"id\":\""
        + localization + "\"}}}}]}"), null);
    Path png = Files.write(dir.resolve("home.png"), BuildUploads.icon(1242));
    admin.addFault("{\"match\":{\"method\":\"PUT\",\"path\":\"/_uploads/**\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":1}");
    AppStoreConnectClient client = client();

    admin.freezeClock();
    try {
      Resource committed = client.uploadAsset("appScreenshots", Map.of("appScreenshotSet", new Ref("appScreenshotSets", set)), png);
      assertThat(committed.attributes().at("/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");
      assertThat(committed.attribute("fileName")).isEqualTo("home.png");
      assertThat(committed.attributes().path("fileSize").asLong()).isEqualTo(Files.size(png));
      assertThat(sleeper.waits).as("the part that met the 503 was sent again").containsExactly(Duration.ofSeconds(1));
      assertThat(admin.faults().toString()).contains("\"injected\":1");

      admin.advanceClock(Duration.ofMinutes(2));
      Resource processed = client.get("/v1/appScreenshots/" + committed.id()).resource();
      assertThat(processed.attributes().at("/assetDeliveryState/state").asText()).isEqualTo("COMPLETE");
      assertThat(processed.attributes().at("/imageAsset/width").asInt()).isEqualTo(1242);
    } finally {
      admin.resumeClock();
    }
  }

  @Test
  void aBuildOfTwoPartsIsUploadedInParallelAndCommittedWithTheFileChecksum(@TempDir Path dir) throws Exception {
    AppStoreConnectClient client = client();
    String upload = client.create("buildUploads", AppStoreConnectClient.attributes().put("cfBundleShortVersionString", "3.0")
        .put("cfBundleVersion", "31").put("platform", "IOS"), Map.of("app", new Ref("apps", APP))).resource().id();
    Path ipa = Files.write(dir.resolve("Client.ipa"), BuildUploads.ipa("com.example.client", "3.0", "31", false));
    assertThat(Files.size(ipa)).isGreaterThan(BuildUploads.PART);

    admin.freezeClock();
    try {
      Resource file = client.uploadAsset("buildUploadFiles", AppStoreConnectClient.attributes().put("uti", "com.apple.ipa")
          .put("assetType", "ASSET"), Map.of("buildUpload", new Ref("buildUploads", upload)), ipa);
      assertThat(file.attributes().at("/assetDeliveryState/state").asText()).isEqualTo("UPLOAD_COMPLETE");
      assertThat(file.attributes().path("uploadOperations")).hasSize(2)
          .allSatisfy(op -> assertThat(op.path("entityTag").asText()).as("each part arrived").isNotEmpty());

      admin.advanceClock(Duration.ofMinutes(10));
      assertThat(client.get("/v1/buildUploads/" + upload).resource().attributes().at("/state/state").asText()).isEqualTo("COMPLETE");
    } finally {
      admin.resumeClock();
    }
  }

  @Test
  void theAdminClientMovesTheVirtualClock() {
    admin.freezeClock();
    try {
      Instant before = Instant.parse(admin.clock().path("now").asText());
      admin.advanceClock(Duration.ofHours(2));
      JsonNode after = admin.clock();
      assertThat(after.path("frozen").asBoolean()).isTrue();
      assertThat(Instant.parse(after.path("now").asText())).isEqualTo(before.plus(Duration.ofHours(2)));
    } finally {
      admin.resumeClock();
    }
  }
}
