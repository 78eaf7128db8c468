package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.family.commerce.pricing.ScheduledPrice;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link ModelApp} as canonical JSON — how a frozen version is kept — and its fingerprint: the
 * SHA-256 of that JSON without the fingerprint, so equal apps (identity, price, products, tuning)
 * have equal fingerprints and any change gives a new one.
 */
final class ModelAppJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelAppJson() {}

  static ObjectNode write(ModelApp app) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("appId", app.appId()).put("name", app.name()).put("sku", app.sku()).put("bundleId", app.bundleId());
    o.put("priceUsd", app.priceUsd());
    if (!app.prices().isEmpty()) { // only then: fingerprints of apps without a price schedule stay as they were
      writePrices(o.putArray("prices"), app.prices());
    }
    ArrayNode products = o.putArray("products");
    for (ModelProduct p : app.products()) {
      ObjectNode product = products.addObject().put("appleId", p.appleId()).put("productId", p.productId()).put("name", p.name())
          .put("kind", p.kind().name()).put("priceUsd", p.priceUsd()).put("groupId", p.groupId())
          .put("groupName", p.groupName()).put("duration", p.duration());
      if (!p.prices().isEmpty()) { // only then: fingerprints of products without store prices stay as they were
        writePrices(product.putArray("prices"), p.prices());
      }
    }
    o.set("tuning", TuningJson.write(app.tuning()));
    return o;
  }

  private static void writePrices(ArrayNode out, List<ScheduledPrice> prices) {
    for (var price : prices) {
      out.addObject().put("storefront", price.storefront()).put("start", text(price.start()))
          .put("end", text(price.end())).put("index", price.index());
    }
  }

  private static List<ScheduledPrice> readPrices(JsonNode prices) {
    List<ScheduledPrice> out = new ArrayList<>();
    for (JsonNode price : prices) {
      out.add(new ScheduledPrice(textOrNull(price, "storefront"), date(price, "start"), date(price, "end"), price.path("index").asInt()));
    }
    return List.copyOf(out);
  }

  static ModelApp read(JsonNode o, String fingerprint) {
    List<ModelProduct> products = new ArrayList<>();
    for (JsonNode p : o.path("products")) {
      products.add(new ModelProduct(p.path("appleId").asText(), p.path("productId").asText(), p.path("name").asText(),
          ProductKind.valueOf(p.path("kind").asText()), p.path("priceUsd").decimalValue(), textOrNull(p, "groupId"),
          textOrNull(p, "groupName"), textOrNull(p, "duration"), readPrices(p.path("prices")), java.util.Map.of()));
    }
    return new ModelApp(o.path("appId").asText(), textOrNull(o, "name"), textOrNull(o, "sku"), textOrNull(o, "bundleId"),
        new BigDecimal(o.path("priceUsd").asText("0")).setScale(2), List.copyOf(products), TuningJson.read(o.path("tuning")),
        fingerprint, readPrices(o.path("prices")), java.util.Map.of());
  }

  private static String text(java.time.LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static java.time.LocalDate date(JsonNode o, String field) {
    String v = textOrNull(o, field);
    return v == null ? null : java.time.LocalDate.parse(v);
  }

  /** The app with its fingerprint filled in. */
  static ModelApp fingerprinted(ModelApp app) {
    return app.withFingerprint(fingerprint(write(app)));
  }

  static String fingerprint(ObjectNode canonical) {
    try {
      byte[] json = MAPPER.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String textOrNull(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
