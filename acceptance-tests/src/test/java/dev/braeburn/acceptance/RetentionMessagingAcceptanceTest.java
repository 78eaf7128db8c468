package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apple.itunes.storekit.client.APIException;
import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.model.BulletPoint;
import com.apple.itunes.storekit.model.DecodedRealtimeRequestBody;
import com.apple.itunes.storekit.model.DefaultConfigurationRequest;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.GetImageListResponseItem;
import com.apple.itunes.storekit.model.GetMessageListResponseItem;
import com.apple.itunes.storekit.model.HeaderPosition;
import com.apple.itunes.storekit.model.ImageSize;
import com.apple.itunes.storekit.model.ImageState;
import com.apple.itunes.storekit.model.MessageState;
import com.apple.itunes.storekit.model.PerformanceTestRequest;
import com.apple.itunes.storekit.model.PerformanceTestResponse;
import com.apple.itunes.storekit.model.PerformanceTestResultResponse;
import com.apple.itunes.storekit.model.PerformanceTestStatus;
import com.apple.itunes.storekit.model.RealtimeUrlRequest;
import com.apple.itunes.storekit.model.UploadMessageImage;
import com.apple.itunes.storekit.model.UploadMessageRequestBody;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.braeburn.client.ApiKeyFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention Messaging (server-api.md §1.7, docs/server-api.md "Retention Messaging") through Apple's
 * Java library: every endpoint, each refusal with Apple's code, reviews and the performance test on
 * the virtual clock. Lengths Apple's library checks itself go over raw HTTP to reach the server.
 */
class RetentionMessagingAcceptanceTest extends SharedDemoServerTest {
  private static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  private static final String TIDELINE = "com.tidewaterlabs.tideline";
  private static final String MONTHLY = "com.tidewaterlabs.ledgerly.plus.monthly";
  private static ApiKeyFile key;
  private static String pem;
  private static AppStoreServerAPIClient ledgerly;
  private static AppStoreServerAPIClient tideline;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void clientsAndFrozenClock() {
    JsonNode k = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    pem = k.path("privateKey").asText();
    key = ApiKeyFile.fromPem(k.path("keyId").asText(), k.path("issuerId").asText(), pem);
    ledgerly = client(LEDGERLY);
    tideline = client(TIDELINE);
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
  }

  /** Apple's client with one change: the base URL (getUrlForEnvironment runs in the constructor, so it reads the static server). */
  static AppStoreServerAPIClient client(String bundleId) {
    return new AppStoreServerAPIClient(pem, key.keyId(), key.issuerId(), bundleId, Environment.SANDBOX) {
      @Override
      protected String getUrlForEnvironment(Environment environment) {
        return server.baseUrl();
      }
    };
  }

  @Test
  void anImageIsPendingThenApprovedAfterTheReviewDelayAndCanBeDeleted() throws Exception {
    UUID id = UUID.randomUUID();
    ledgerly.uploadImage(id, png(3840, 160, false), ImageSize.FULL_SIZE);
    assertThat(image(ledgerly, id).getImageState()).isEqualTo(ImageState.PENDING);
    assertThat(image(ledgerly, id).getImageSize()).isEqualTo(ImageSize.FULL_SIZE);
    refused(() -> ledgerly.uploadImage(id, png(3840, 160, false), ImageSize.FULL_SIZE), 409, 4090000);

    advance(3600);
    assertThat(image(ledgerly, id).getImageState()).isEqualTo(ImageState.APPROVED);
    ledgerly.deleteImage(id);
    assertThat(ledgerly.getImageList().getImageIdentifiers()).noneMatch(i -> i.getImageIdentifier().equals(id));
    refused(() -> ledgerly.deleteImage(id), 404, 4040014);
  }

  @Test
  void anUploadMustBeAnOpaquePngOfTheSizesDimensions() throws Exception {
    refused(() -> ledgerly.uploadImage(UUID.randomUUID(), "GIF89a not a png".getBytes(StandardCharsets.UTF_8), ImageSize.FULL_SIZE), 400, 4000161);
    refused(() -> ledgerly.uploadImage(UUID.randomUUID(), png(3840, 160, true), ImageSize.FULL_SIZE), 400, 4000161);
    refused(() -> ledgerly.uploadImage(UUID.randomUUID(), png(100, 100, false), ImageSize.FULL_SIZE), 400, 4000216);
    refused(() -> ledgerly.uploadImage(UUID.randomUUID(), png(3840, 160, false), ImageSize.BULLET_POINT), 400, 4000216);
    TestServer.Reply huge = raw("PUT", "/inApps/v1/messaging/image/" + UUID.randomUUID() + "?imageSize=HUGE", png(64, 64, false), "image/png");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().path("errorCode").asLong()).isEqualTo(4000216);
    assertThat(huge.header("X-Braeburn-Diagnosis")).contains("FULL_SIZE").contains("BULLET_POINT");
  }

  @Test
  void aMessageNeedsApprovedImagesOfTheRightSizeAndIsReviewedToo() throws Exception {
    UUID full = UUID.randomUUID();
    UUID bullet = UUID.randomUUID();
    UUID message = UUID.randomUUID();
    UploadMessageRequestBody body = new UploadMessageRequestBody("Stay with Plus", "Your charts stay synced.",
        new UploadMessageImage(full, "A chart")).headerPosition(HeaderPosition.ABOVE_IMAGE)
        .bulletPoints(List.of(new BulletPoint("Unlimited ledgers", bullet, "check")));
    refused(() -> ledgerly.uploadMessage(message, body), 404, 4040014);
    ledgerly.uploadImage(full, png(3840, 400, false), ImageSize.FULL_SIZE);
    ledgerly.uploadImage(bullet, png(64, 64, false), ImageSize.BULLET_POINT);
    refused(() -> ledgerly.uploadMessage(message, body), 403, 4030018);
    advance(3600);
    ledgerly.uploadMessage(message, body);
    assertThat(message(ledgerly, message).getMessageState()).isEqualTo(MessageState.PENDING);
    refused(() -> ledgerly.uploadMessage(message, body), 409, 4090001);
    refused(() -> ledgerly.deleteImage(bullet), 403, 4030019);
    advance(3600);
    assertThat(message(ledgerly, message).getMessageState()).isEqualTo(MessageState.APPROVED);

    ledgerly.deleteMessage(message);
    refused(() -> ledgerly.deleteMessage(message), 404, 4040015);
    ledgerly.deleteImage(bullet); // no longer in use
  }

  @Test
  void aMessagesTextLimitsAreApplesErrorsWhenAClientDoesNotCheckThem() {
    String path = "/inApps/v1/messaging/message/" + UUID.randomUUID();
    String bullet = "{\"text\":\"t\",\"imageIdentifier\":\"" + UUID.randomUUID() + "\",\"altText\":\"a\"}";
    rawRefused(path, "{\"header\":\"" + "h".repeat(67) + "\",\"body\":\"b\"}", 4000162, "at most 66");
    rawRefused(path, "{\"header\":\"h\",\"body\":\"" + "b".repeat(145) + "\"}", 4000163, "at most 144");
    rawRefused(path, "{\"header\":\"h\",\"body\":\"b\",\"bulletPoints\":[" + String.join(",", java.util.Collections.nCopies(6, bullet)) + "]}",
        4000218, "at most 5");
    rawRefused(path, "{\"header\":\"h\",\"body\":\"b\",\"bulletPoints\":[{\"text\":\"" + "t".repeat(67)
        + "\",\"imageIdentifier\":\"" + UUID.randomUUID() + "\",\"altText\":\"a\"}]}", 4000219, "at most 66");
    rawRefused(path, "{\"header\":\"h\",\"body\":\"b\",\"image\":{\"imageIdentifier\":\"" + UUID.randomUUID() + "\",\"altText\":\""
        + "a".repeat(151) + "\"}}", 4000175, "at most 150");
    rawRefused(path, "{\"header\":\"h\",\"body\":\"b\",\"headerPosition\":\"ABOVE_IMAGE\"}", 4000224, "has no image");
    rawRefused(path, "{\"body\":\"b\"}", 4000000, "header is required");
  }

  @Test
  void aDefaultMessageNamesAnApprovedMessagePerProductAndLocale() throws Exception {
    UUID message = UUID.randomUUID();
    refused(() -> ledgerly.getDefaultMessage(MONTHLY, "en-US"), 404, 4040020);
    refused(() -> ledgerly.configureDefaultMessage(MONTHLY, "english", new DefaultConfigurationRequest(message)), 400, 4000164);
    refused(() -> ledgerly.configureDefaultMessage(MONTHLY, "en-US", new DefaultConfigurationRequest(message)), 404, 4040015);
    ledgerly.uploadMessage(message, new UploadMessageRequestBody("Before you go", "Plus keeps every ledger in sync."));
    refused(() -> ledgerly.configureDefaultMessage(MONTHLY, "en-US", new DefaultConfigurationRequest(message)), 403, 4030017);
    advance(3600);
    ledgerly.configureDefaultMessage(MONTHLY, "en-US", new DefaultConfigurationRequest(message));
    assertThat(ledgerly.getDefaultMessage(MONTHLY, "en-US").getMessageIdentifier()).isEqualTo(message);
    refused(() -> ledgerly.getDefaultMessage(MONTHLY, "fr-FR"), 404, 4040020);
    ledgerly.deleteDefaultMessage(MONTHLY, "en-US");
    refused(() -> ledgerly.getDefaultMessage(MONTHLY, "en-US"), 404, 4040020);
    refused(() -> ledgerly.deleteDefaultMessage(MONTHLY, "en-US"), 404, 4040020);
  }

  @Test
  void theRealtimeUrlIsHttpsOrLoopbackHttp() throws Exception {
    refused(() -> ledgerly.getRealtimeURL(), 404, 4040021);
    refused(() -> ledgerly.deleteRealtimeURL(), 404, 4040021);
    refused(() -> ledgerly.configureRealtimeURL(new RealtimeUrlRequest("http://example.com/retention")), 400, 4000215);
    refused(() -> ledgerly.configureRealtimeURL(new RealtimeUrlRequest("not a url")), 400, 4000215);
    ledgerly.configureRealtimeURL(new RealtimeUrlRequest("https://example.com/retention"));
    assertThat(ledgerly.getRealtimeURL().getRealtimeURL()).isEqualTo("https://example.com/retention");
    ledgerly.configureRealtimeURL(new RealtimeUrlRequest("http://127.0.0.1:9/retention"));
    assertThat(ledgerly.getRealtimeURL().getRealtimeURL()).isEqualTo("http://127.0.0.1:9/retention");
    ledgerly.deleteRealtimeURL();
    refused(() -> ledgerly.getRealtimeURL(), 404, 4040021);
  }

  @Test
  void thePerformanceTestSendsSignedRealtimeRequestsAndGradesTheAnswers() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/good", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      answer(ex, 200, "{\"message\":{\"messageIdentifier\":\"" + UUID.randomUUID() + "\"}}");
    });
    receiver.createContext("/bad", ex -> answer(ex, 500, "no"));
    receiver.start();
    try {
      String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
      try {
        tideline.deleteRealtimeURL();
      } catch (APIException ignored) {
        // none configured yet
      }
      PerformanceTestRequest request = new PerformanceTestRequest("2000000000000042");
      refused(() -> tideline.initiatePerformanceTest(request), 404, 4040021);
      tideline.configureRealtimeURL(new RealtimeUrlRequest(base + "/good"));
      TestServer.Reply empty = server.send("POST", "/inApps/v1/messaging/performanceTest", "{}", ServerApiAdmissionAcceptanceTest.token(key, TIDELINE), "application/json");
      assertThat(empty.json().path("errorCode").asLong()).isEqualTo(4000211);

      inProduction(() -> refused(() -> tideline.configureRealtimeURL(new RealtimeUrlRequest(base + "/good")), 403, 4030026));

      PerformanceTestResponse started = tideline.initiatePerformanceTest(request);
      assertThat(started.getConfig().getTotalRequests()).isEqualTo(100);
      PerformanceTestResultResponse pending = tideline.getPerformanceTestResults(started.getRequestId());
      assertThat(pending.getResult()).isEqualTo(PerformanceTestStatus.PENDING);
      assertThat(pending.getNumPending()).isEqualTo(100);
      assertThat(pending.getTarget()).isEqualTo(base + "/good");
      refused(() -> tideline.initiatePerformanceTest(request), 400, 4000213);

      advance(60);
      PerformanceTestResultResponse passed = tideline.getPerformanceTestResults(started.getRequestId());
      assertThat(passed.getResult()).isEqualTo(PerformanceTestStatus.PASS);
      assertThat(passed.getSuccessRate()).isGreaterThanOrEqualTo(95);
      assertThat(passed.getNumPending()).isZero();
      assertThat(passed.getResponseTimes().getP99()).isGreaterThanOrEqualTo(passed.getResponseTimes().getP50());
      assertThat(received).hasSize(100);
      String signed = TestServer.JSON.readTree(received.getFirst()).path("signedPayload").asText();
      DecodedRealtimeRequestBody decoded = verifier(TIDELINE, 1600000001L).verifyAndDecodeRealtimeRequest(signed);
      assertThat(decoded.getOriginalTransactionId()).isEqualTo("2000000000000042");
      assertThat(decoded.getAppAppleId()).isEqualTo(1600000001L);
      assertThat(decoded.getUserLocale()).isEqualTo("en-US");
      assertThat(decoded.getEnvironment()).isEqualTo(Environment.SANDBOX);
      assertThat(decoded.getRequestIdentifier()).isNotNull();

      inProduction(() -> {
        tideline.configureRealtimeURL(new RealtimeUrlRequest(base + "/good")); // the sandbox run passed
        assertThat(tideline.getRealtimeURL().getRealtimeURL()).isEqualTo(base + "/good");
        tideline.deleteRealtimeURL();
      });

      tideline.configureRealtimeURL(new RealtimeUrlRequest(base + "/bad"));
      String failing = tideline.initiatePerformanceTest(request).getRequestId();
      advance(60);
      PerformanceTestResultResponse failed = tideline.getPerformanceTestResults(failing);
      assertThat(failed.getResult()).isEqualTo(PerformanceTestStatus.FAIL);
      assertThat(failed.getSuccessRate()).isZero();
      assertThat(failed.getRawFailures()).containsEntry("UNSUCCESSFUL_HTTP_RESPONSE_CODE", 100);

      refused(() -> tideline.getPerformanceTestResults(UUID.randomUUID().toString()), 404, 4040018);
      refused(() -> ledgerly.getPerformanceTestResults(failing), 404, 4040018); // another app's run
      refused(() -> tideline.getPerformanceTestResults("nope"), 400, 4000212);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void theAdminReviewDeskRejectsAnUploadAndARejectedImageCannotBeUsed() throws Exception {
    UUID id = UUID.randomUUID();
    ledgerly.uploadImage(id, png(3840, 200, false), ImageSize.FULL_SIZE);
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/retention/1600000002/images/" + id + "/reject", null, key.issuerId());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("imageState").asText()).isEqualTo("REJECTED");
    assertThat(image(ledgerly, id).getImageState()).isEqualTo(ImageState.REJECTED);
    advance(3600); // the automatic approval leaves a decided review alone
    assertThat(image(ledgerly, id).getImageState()).isEqualTo(ImageState.REJECTED);
    refused(() -> ledgerly.uploadMessage(UUID.randomUUID(), new UploadMessageRequestBody("h", "b", new UploadMessageImage(id, "a"))), 403, 4030018);
    assertThat(server.admin("POST", "/_braeburn/storekit/retention/1600000002/images/" + UUID.randomUUID() + "/approve", null, key.issuerId())
        .status()).isEqualTo(404);
  }

  @Test
  void anAppHoldsAtMost2000Images() throws Exception {
    byte[] small = png(32, 32, false);
    String token = ServerApiAdmissionAcceptanceTest.token(key, TIDELINE);
    for (int i = 0; i < 2000; i++) {
      assertThat(raw(token, "/inApps/v1/messaging/image/" + UUID.randomUUID() + "?imageSize=BULLET_POINT", small).status()).isEqualTo(200);
    }
    refused(() -> tideline.uploadImage(UUID.randomUUID(), small, ImageSize.BULLET_POINT), 403, 4030014);
  }

  // --- helpers

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** Runs calls while Tideline's App Store Server API answers as Production (the app setting), then clears it. */
  private static void inProduction(ServerApiCalls.Call calls) throws Exception {
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
    try {
      calls.run();
    } finally {
      server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":null}", null);
    }
  }

  static void refused(ServerApiCalls.Call call, int status, long code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(APIException.class, e -> {
      assertThat(e.getHttpStatusCode()).isEqualTo(status);
      assertThat(e.getRawApiError()).isEqualTo(code);
    });
  }

  private void rawRefused(String path, String body, long code, String diagnosis) {
    TestServer.Reply r = server.send("PUT", path, body, ServerApiAdmissionAcceptanceTest.token(key, LEDGERLY), "application/json");
    assertThat(r.status()).isEqualTo((int) (code / 10000));
    assertThat(r.json().path("errorCode").asLong()).isEqualTo(code);
    assertThat(r.header("X-Braeburn-Diagnosis")).contains(diagnosis);
  }

  private TestServer.Reply raw(String method, String path, byte[] body, String contentType) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Authorization", "Bearer " + ServerApiAdmissionAcceptanceTest.token(key, LEDGERLY)).header("Content-Type", contentType).build(),
        HttpResponse.BodyHandlers.ofString());
    return new TestServer.Reply(r.statusCode(), r.headers(), r.body());
  }

  private TestServer.Reply raw(String token, String path, byte[] png) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(png))
        .header("Authorization", "Bearer " + token).header("Content-Type", "image/png").build(), HttpResponse.BodyHandlers.ofString());
    return new TestServer.Reply(r.statusCode(), r.headers(), r.body());
  }

  private static GetImageListResponseItem image(AppStoreServerAPIClient client, UUID id) throws Exception {
    return client.getImageList().getImageIdentifiers().stream().filter(i -> i.getImageIdentifier().equals(id)).findFirst().orElseThrow();
  }

  private static GetMessageListResponseItem message(AppStoreServerAPIClient client, UUID id) throws Exception {
    return client.getMessageList().getMessageIdentifiers().stream().filter(i -> i.getMessageIdentifier().equals(id)).findFirst().orElseThrow();
  }

  static void advance(int seconds) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null).status()).isEqualTo(200);
  }

  static byte[] png(int width, int height, boolean alpha) throws IOException {
    BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Apple's verifier trusting Braeburn's EC "- G3" root (GET /_braeburn/ca/roots.pem), online checks off. */
  static SignedDataVerifier verifier(String bundleId, long appAppleId) throws Exception {
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(rootG3().getEncoded())), bundleId, appAppleId, Environment.SANDBOX, false);
  }

  static X509Certificate rootG3() throws Exception {
    String pem = server.send("GET", "/_braeburn/ca/roots.pem", null, null).body();
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
        .map(c -> (X509Certificate) c).filter(c -> c.getPublicKey().getAlgorithm().equals("EC")).findFirst().orElseThrow();
  }
}
