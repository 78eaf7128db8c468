package dev.braeburn.server.family.commerce.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A price point's id: base64url (no padding) of {@code {"s":product,"t":territory,"p":number}},
 * as Apple's ({@code eyJzIjoiNjQ3MDg3ODkzNiIsInQiOiJVU0EiLCJwIjoiMTAwMDEifQ}, protocol.md "ids").
 * Price points are computed, never stored: the id says everything about one.
 */
public record PricePointId(String product, String territory, String number) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String encode() {
    String json = JSON.createObjectNode().put("s", product).put("t", territory).put("p", number).toString();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public int index() {
    return PriceLadder.index(number);
  }

  /** The point of the same number in another territory. */
  public PricePointId in(String otherTerritory) {
    return new PricePointId(product, otherTerritory, number);
  }

  /** The id decoded, or null when it is not one of ours (wrong shape, unknown territory or number). */
  public static PricePointId decode(String id) {
    try {
      JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(id));
      if (n == null || !n.path("s").isTextual() || !n.path("t").isTextual() || !n.path("p").isTextual()) {
        return null;
      }
      PricePointId p = new PricePointId(n.get("s").asText(), n.get("t").asText(), n.get("p").asText());
      return Storefronts.alpha2(p.territory()) != null && p.index() >= 0 ? p : null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  /** Point {@code index} of {@code product} in {@code territory}. */
  public static PricePointId of(String product, String territory, int index) {
    return new PricePointId(product, territory, PriceLadder.number(index));
  }
}
