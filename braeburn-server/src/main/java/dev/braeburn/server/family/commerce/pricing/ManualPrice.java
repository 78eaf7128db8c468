package dev.braeburn.server.family.commerce.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One manual price of an app's or in-app purchase's schedule as posted: an inline-created {@code
 * appPrices} / {@code inAppPurchasePrices} item (local id {@code ${…}}) with {@code startDate}/{@code endDate} and its
 * price point. Stored with the point's id and territory as hidden attributes (price points are not
 * stored resources to link to); its id is Apple's shape, base64url of {@code {"s","t","p","sd","ed"}}
 * (review-pipeline.md §7.1, decoded appPrices id).
 */
record ManualPrice(PricePointId point, LocalDate start, LocalDate end) {
  static final String POINT = "pricePointId";

  ObjectNode attributes() {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    a.put("startDate", start == null ? null : start.toString());
    a.put("endDate", end == null ? null : end.toString());
    a.put("manual", true);
    a.put(POINT, point.encode());
    return a;
  }

  String id(String product) {
    return id(product, point, start, end);
  }

  static String id(String product, PricePointId point, LocalDate start, LocalDate end) {
    String json = "{\"s\":\"" + product + "\",\"t\":\"" + point.territory() + "\",\"p\":\"" + point.number() + "\",\"sd\":"
        + epoch(start) + ",\"ed\":" + epoch(end) + "}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String epoch(LocalDate d) {
    return d == null ? "0.0" : d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + ".000000000";
  }

  boolean overlaps(ManualPrice other) {
    return (end == null || other.start == null || other.start.isBefore(end))
        && (other.end == null || start == null || start.isBefore(other.end));
  }

  /** The posted manual prices, each checked: a local id, an included item, a point of this product, sane dates. */
  static List<ManualPrice> read(ScheduleKind kind, JsonNode linkages, List<JsonNode> included, String product, LocalDate today) {
    Map<String, Integer> byLocalId = new HashMap<>();
    for (int i = 0; i < included.size(); i++) {
      String id = included.get(i).path("id").asText("");
      if (!id.matches("\\$\\{[^}]+}")) {
        throw PriceErrors.includedId(id, i);
      }
      byLocalId.put(included.get(i).path("type").asText() + "/" + id, i);
    }
    List<ManualPrice> out = new ArrayList<>();
    for (int n = 0; n < linkages.size(); n++) {
      JsonNode l = linkages.get(n);
      Integer i = byLocalId.get(l.path("type").asText() + "/" + l.path("id").asText());
      if (i == null) {
        throw PriceErrors.relationship("The relationship 'manualPrices' expects an included resource with type '"
                + l.path("type").asText() + "' and id '" + l.path("id").asText() + "' but no matching resource was included",
            "/data/relationships/manualPrices/data/" + n,
            "Each manual price must be inline-created in 'included' with the same local id.");
      }
      out.add(parse(kind, included.get(i), i, product, today));
    }
    return out;
  }

  private static ManualPrice parse(ScheduleKind kind, JsonNode item, int i, String product, LocalDate today) {
    String pointer = "/included/" + i;
    String relationship = "/relationships/" + kind.pointRelationship + "/data";
    String pointId = item.at(relationship + "/id").asText("");
    PricePointId point = PricePointId.decode(pointId);
    if (point == null || !point.product().equals(product) || point.index() < kind.point.firstIndex) {
      throw PriceErrors.missing(kind.point.type, pointId, pointer + relationship,
          "A manual price needs a price point of this " + kind.noun + " (" + product + "), as listed by " + kind.pointsRead(product) + ".");
    }
    LocalDate start = PriceDates.date(item.path("attributes"), "startDate");
    LocalDate end = PriceDates.date(item.path("attributes"), "endDate");
    if (start != null && start.isBefore(today)) {
      throw PriceErrors.dates("startDate '" + start + "' is in the past", pointer + "/attributes/startDate",
          "A scheduled price starts today (" + today + ", Pacific) or later; leave startDate null for the current price.");
    }
    if (end != null && start != null && !end.isAfter(start)) {
      throw PriceErrors.dates("endDate '" + end + "' must be after startDate '" + start + "'", pointer + "/attributes/endDate",
          "A price's endDate is the first day it no longer applies, so it must come after its startDate.");
    }
    return new ManualPrice(point, start, end);
  }

  /**
   * Prices of one territory may not overlap, and the base territory needs a price today (Apple's
   * schedule always has a current base price, startDate null) [INFER: the bodies are unrecorded].
   */
  static void checkCovered(List<ManualPrice> prices, String base, LocalDate today) {
    for (int a = 0; a < prices.size(); a++) {
      for (int b = a + 1; b < prices.size(); b++) {
        ManualPrice x = prices.get(a);
        ManualPrice y = prices.get(b);
        if (x.point.territory().equals(y.point.territory()) && x.overlaps(y)) {
          throw PriceErrors.dates("The prices for territory '" + x.point.territory() + "' have overlapping dates",
              "/data/relationships/manualPrices/data/" + b,
              "Two manual prices in " + x.point.territory() + " cover the same days; give each a startDate/endDate range that does not overlap.");
        }
      }
    }
    boolean current = prices.stream().anyMatch(p -> p.point.territory().equals(base) && p.start == null);
    if (!current) {
      throw PriceErrors.relationship("The schedule has no current price for the base territory '" + base + "'",
          "/data/relationships/baseTerritory/data",
          "A price schedule needs a manual price in its base territory " + base + " with startDate null (the current price); "
              + "equalized prices for the other territories follow from it.");
    }
  }
}
