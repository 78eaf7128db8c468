package com.example.appstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.junit.Braeburn;
import dev.braeburn.junit.BraeburnInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// README snippet: from here …
@Braeburn // a server per class, demo data, frozen clock, reset before every test
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // only so the isolation test runs second
class AppStoreConnectTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void listsTheDemoApps(BraeburnInstance braeburn) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(braeburn.baseUrl().resolve("/v1/apps"))
        .header("Authorization", "Bearer " + braeburn.token()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals(4, JSON.readTree(response.body()).path("data").size());
  }
  // … to here

  @Test
  @Order(2)
  void createsABundleId(BraeburnInstance braeburn) throws Exception {
    JsonNode created = send(braeburn, "POST", "/v1/bundleIds", """
        {"data":{"type":"bundleIds","attributes":{"identifier":"com.example.isolated","name":"Isolated","platform":"IOS"}}}""", 201);
    assertEquals("com.example.isolated", created.path("data").path("attributes").path("identifier").asText());
    assertEquals(1, bundleIds(braeburn, "com.example.isolated").size());
  }

  @Test
  @Order(3)
  void startsFromTheStateAfterStartAgain(BraeburnInstance braeburn) throws Exception {
    // the previous test's bundle ID went with the reset
    assertEquals(0, bundleIds(braeburn, "com.example.isolated").size());
  }

  @Test
  @Order(4)
  void movesTimeOnlyWhenTold(BraeburnInstance braeburn) throws Exception {
    Instant before = serverTime(braeburn);
    assertEquals(before, serverTime(braeburn), "the clock is frozen");

    braeburn.advanceClock(Duration.ofDays(3));

    assertEquals(before.plus(Duration.ofDays(3)), serverTime(braeburn));
  }

  @Test
  @Order(5)
  void startsFromTheOriginalTimeAgain(BraeburnInstance braeburn) throws Exception {
    Instant now = serverTime(braeburn);
    assertTrue(now.isBefore(Instant.now().plus(Duration.ofDays(1))), "the previous test's three days were undone: " + now);
  }

  private JsonNode bundleIds(BraeburnInstance braeburn, String identifier) throws Exception {
    return send(braeburn, "GET", "/v1/bundleIds?filter[identifier]=" + identifier, null, 200).path("data");
  }

  private Instant serverTime(BraeburnInstance braeburn) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(braeburn.baseUrl().resolve("/_braeburn/clock"))
        .header("Authorization", "Bearer " + braeburn.adminToken()).build();
    return Instant.parse(JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("now").asText());
  }

  private JsonNode send(BraeburnInstance braeburn, String method, String path, String body, int expectedStatus) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(braeburn.baseUrl().resolve(path))
        .header("Authorization", "Bearer " + braeburn.token())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }
}
