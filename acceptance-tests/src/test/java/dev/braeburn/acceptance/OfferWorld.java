package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** A demo-seed server with a subscription group and a monthly subscription made through the API, and price points to offer. */
final class OfferWorld {
  static final String APP = "1600000001";

  final TestServer server;
  final String subscription;

  OfferWorld(TestServer server, String productId) {
    this.server = server;
    JsonNode group = created(server.send("POST", "/v1/subscriptionGroups", """
        {"data":{"type":"subscriptionGroups","attributes":{"referenceName":"Offers %s"},
          "relationships":{"app":{"data":{"type":"apps","id":"%s"}}}}}""".formatted(productId, APP)));
    subscription = created(server.send("POST", "/v1/subscriptions", """
        {"data":{"type":"subscriptions","attributes":{"name":"Monthly %s","productId":"%s","subscriptionPeriod":"ONE_MONTH"},
          "relationships":{"group":{"data":{"type":"subscriptionGroups","id":"%s"}}}}}""".formatted(productId, productId, group.path("id").asText())))
        .path("id").asText();
  }

  static JsonNode created(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().path("data");
  }

  /** A subscription price point of the territory: the server's if it lists one, else one loaded for the test. */
  String pricePoint(String territory) {
    TestServer.Reply listed = server.get("/v1/subscriptions/" + subscription + "/pricePoints?filter[territory]=" + territory + "&limit=1");
    if (listed.status() == 200 && listed.json().path("data").size() > 0) {
      return listed.json().at("/data/0/id").asText();
    }
    String id = "offers-pp-" + subscription + "-" + territory;
    TestServer.Reply loaded = server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"subscriptionPricePoints","id":"%s","attributes":{"customerPrice":"0.99","proceeds":"0.7"},
          "relationships":{"territory":{"data":{"type":"territories","id":"%s"}}}}]}""".formatted(id, territory), null);
    assertThat(loaded.status()).as(loaded.body()).isBetween(200, 299);
    return id;
  }

  TestServer.Reply introductoryOffer(String mode, String duration, int periods, String territory, String pricePoint, String start, String end) {
    String point = pricePoint == null ? "" : ",\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\"" + pricePoint + "\"}}";
    return server.send("POST", "/v1/subscriptionIntroductoryOffers", """
        {"data":{"type":"subscriptionIntroductoryOffers","attributes":{"offerMode":"%s","duration":"%s","numberOfPeriods":%d,"startDate":%s,"endDate":%s},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},
            "territory":{"data":{"type":"territories","id":"%s"}}%s}}}""".formatted(mode, duration, periods, quoted(start), quoted(end),
        subscription, territory, point));
  }

  /** Inline prices for {@code type} in USA: with a price point for paid modes. */
  String prices(String type, String pricePoint) {
    String point = pricePoint == null ? "" : ",\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\"" + pricePoint + "\"}}";
    return """
        "prices":{"data":[{"type":"%1$s","id":"${price-1}"}]}}},
        "included":[{"type":"%1$s","id":"${price-1}","relationships":{"territory":{"data":{"type":"territories","id":"USA"}}%2$s}}]}""".formatted(type, point);
  }

  static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  static void assertError(TestServer.Reply reply, int status, String code, String detail, String pointer) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    JsonNode error = reply.json().at("/errors/0");
    assertThat(error.path("code").asText()).as(reply.body()).isEqualTo(code);
    assertThat(error.path("detail").asText()).isEqualTo(detail);
    assertThat(error.at("/source/pointer").asText()).isEqualTo(pointer);
    assertThat(reply.header("X-Braeburn-Diagnosis")).isNotBlank();
  }
}
