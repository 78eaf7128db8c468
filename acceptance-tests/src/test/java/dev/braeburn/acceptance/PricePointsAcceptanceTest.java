package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.spec.Spec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Price points (docs/commerce/pricing.md): every storefront's ladder for a product, computed, with
 * Apple's id shape (base64url {@code {"s","t","p"}}), paging up to 8000, equalizations to the other
 * 174 storefronts spot-checked against Apple's known conversions of $0.99 (¥160, €0.99, £0.99).
 */
class PricePointsAcceptanceTest {
  static final String IAP = "6752100101"; // demo seed: Offline Tide Charts
  static final String SUBSCRIPTION = "6752100301"; // demo seed: Ledgerly Plus Monthly
  static final ObjectMapper JSON = new ObjectMapper();
  private final SchemaValidator validator = new SchemaValidator(Spec.load());
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static JsonNode decode(String id) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(id));
  }

  JsonNode ok(String path, String schema) {
    TestServer.Reply r = server.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(validator.validate(r.json(), schema)).as(path).isEmpty();
    return r.json();
  }

  static JsonNode byPrice(JsonNode list, String customerPrice) {
    for (JsonNode p : list.path("data")) {
      if (p.at("/attributes/customerPrice").asText().equals(customerPrice)) {
        return p;
      }
    }
    throw new AssertionError("no point at " + customerPrice);
  }

  @Test
  void aTerritorysLadderRunsFrom29CentsToTenThousandDollarsWithApplesIds() throws Exception {
    JsonNode usa = ok("/v2/inAppPurchases/" + IAP + "/pricePoints?filter[territory]=USA&limit=8000&include=territory",
        "InAppPurchasePricePointsResponse");
    JsonNode data = usa.path("data");
    assertThat(usa.at("/meta/paging/total").asInt()).isEqualTo(data.size()).isGreaterThan(500);
    assertThat(usa.at("/links/next").isMissingNode()).isTrue();
    assertThat(data.get(0).at("/attributes/customerPrice").asText()).isEqualTo("0.29");
    assertThat(data.get(data.size() - 1).at("/attributes/customerPrice").asText()).isEqualTo("9999.99");
    JsonNode tier1 = byPrice(usa, "0.99");
    assertThat(tier1.at("/attributes/proceeds").asText()).isEqualTo("0.69");
    assertThat(tier1.at("/relationships/territory/data/id").asText()).isEqualTo("USA");
    JsonNode id = decode(tier1.path("id").asText());
    assertThat(id.path("s").asText()).isEqualTo(IAP);
    assertThat(id.path("t").asText()).isEqualTo("USA");
    assertThat(id.path("p").asText()).matches("1\\d{4}");
    assertThat(usa.path("included")).hasSize(1);
    assertThat(usa.at("/included/0/attributes/currency").asText()).isEqualTo("USD");
  }

  @Test
  void everyStorefrontPagesUpTo8000AtATime() {
    JsonNode first = ok("/v2/inAppPurchases/" + IAP + "/pricePoints?limit=8000", "InAppPurchasePricePointsResponse");
    int perTerritory = server.get("/v2/inAppPurchases/" + IAP + "/pricePoints?filter[territory]=FRA&limit=1").json().at("/meta/paging/total").asInt();
    assertThat(first.at("/meta/paging/total").asInt()).isEqualTo(175 * perTerritory);
    assertThat(first.path("data")).hasSize(8000);
    String next = first.at("/links/next").asText();
    assertThat(next).contains("cursor=").contains("limit=8000");
    JsonNode second = server.get(next).json();
    assertThat(second.path("data")).hasSize(8000);
    assertThat(second.at("/data/0/id").asText()).isNotEqualTo(first.at("/data/0/id").asText());
    assertThat(server.get("/v2/inAppPurchases/" + IAP + "/pricePoints?cursor=bogus").status()).isEqualTo(400);
    JsonNode linkages = ok("/v2/inAppPurchases/" + IAP + "/relationships/pricePoints?limit=3", "InAppPurchaseV2PricePointsLinkagesResponse");
    assertThat(linkages.path("data")).hasSize(3);
    assertThat(server.get("/v2/inAppPurchases/9999999999/pricePoints").status()).isEqualTo(404);
  }

  @Test
  void equalizationsOf99CentsMatchApplesKnownConversions() {
    JsonNode usa = server.get("/v2/inAppPurchases/" + IAP + "/pricePoints?filter[territory]=USA&limit=8000").json();
    String point = byPrice(usa, "0.99").path("id").asText();
    JsonNode all = ok("/v1/inAppPurchasePricePoints/" + point + "/equalizations?limit=200", "InAppPurchasePricePointsResponse");
    assertThat(all.at("/meta/paging/total").asInt()).isEqualTo(174);
    Map<String, String> prices = new HashMap<>();
    all.path("data").forEach(p -> prices.put(p.at("/relationships/territory/data/id").asText(), p.at("/attributes/customerPrice").asText()));
    assertThat(prices).doesNotContainKey("USA");
    // Apple's 2023 equalizations of $0.99: ¥160, €0.99, £0.99, CHF 1.00 → 0.99 ladder (price points include VAT)
    assertThat(prices).containsEntry("JPN", "160").containsEntry("DEU", "0.99").containsEntry("FRA", "0.99")
        .containsEntry("GBR", "0.99").containsEntry("ARG", "0.99");
    JsonNode japan = ok("/v1/inAppPurchasePricePoints/" + point + "/equalizations?filter[territory]=JPN", "InAppPurchasePricePointsResponse");
    assertThat(japan.path("data")).hasSize(1);
    assertThat(japan.at("/data/0/attributes/proceeds").asText()).isEqualTo("102"); // 160 / 1.10 VAT × 70%
    TestServer.Reply missing = server.get("/v1/inAppPurchasePricePoints/bm90LWEtcG9pbnQ/equalizations");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().at("/errors/0/code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void subscriptionPointsShowSecondYearProceedsAndAreReadableOneByOne() throws Exception {
    JsonNode usa = ok("/v1/subscriptions/" + SUBSCRIPTION + "/pricePoints?filter[territory]=USA&limit=200", "SubscriptionPricePointsResponse");
    JsonNode monthly = byPrice(usa, "9.99");
    assertThat(monthly.at("/attributes/proceeds").asText()).isEqualTo("6.99");
    assertThat(monthly.at("/attributes/proceedsYear2").asText()).isEqualTo("8.49");
    String id = monthly.path("id").asText();
    JsonNode one = ok("/v1/subscriptionPricePoints/" + id + "?include=territory", "SubscriptionPricePointResponse");
    assertThat(one.at("/data/id").asText()).isEqualTo(id);
    assertThat(one.at("/data/attributes/customerPrice").asText()).isEqualTo("9.99");
    assertThat(one.at("/included/0/id").asText()).isEqualTo("USA");
    JsonNode germany = ok("/v1/subscriptionPricePoints/" + id + "/equalizations?filter[territory]=DEU", "SubscriptionPricePointsResponse");
    assertThat(germany.at("/data/0/attributes/customerPrice").asText()).isEqualTo("9.99");
    assertThat(decode(germany.at("/data/0/id").asText()).path("p").asText()).isEqualTo(decode(id).path("p").asText());
    assertThat(server.get("/v1/subscriptionPricePoints/" + id.substring(0, id.length() - 2)).status()).isEqualTo(404);
  }
}
