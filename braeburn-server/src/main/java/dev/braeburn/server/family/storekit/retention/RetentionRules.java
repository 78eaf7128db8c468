package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Retention Messaging limits as data ({@code braeburn/storekit/retention.json}): Apple's
 * documented and library-enforced limits (server-api.md §1.7) and Braeburn's inferred ones (the
 * review delay, the message maximum, the bullet-point image size, the performance-test config).
 */
record RetentionRules(
    int maxImages,
    int maxMessages,
    Map<String, ImageBounds> imageSizes,
    String defaultImageSize,
    int headerMaxLength,
    int bodyMaxLength,
    int maxBulletPoints,
    int bulletPointTextMaxLength,
    int altTextMaxLength,
    int realtimeUrlMaxLength,
    Duration reviewDelay,
    ObjectNode performanceTestConfig,
    String performanceTestLocale) {

  /** The pixel range an image of one {@code imageSize} must fall in. */
  record ImageBounds(int minWidth, int maxWidth, int minHeight, int maxHeight) {
    boolean fits(int width, int height) {
      return width >= minWidth && width <= maxWidth && height >= minHeight && height <= maxHeight;
    }

    String describe() {
      String w = minWidth == maxWidth ? String.valueOf(minWidth) : minWidth + ".." + maxWidth;
      return w + " pixels wide and " + minHeight + ".." + maxHeight + " pixels high";
    }
  }

  static RetentionRules load(ObjectMapper mapper) {
    try (InputStream in = RetentionRules.class.getResourceAsStream("/braeburn/storekit/retention.json")) {
      JsonNode root = mapper.readTree(in);
      Map<String, ImageBounds> sizes = new LinkedHashMap<>();
      root.get("imageSizes").properties().forEach(e -> sizes.put(e.getKey(), new ImageBounds(e.getValue().get("minWidth").asInt(),
          e.getValue().get("maxWidth").asInt(), e.getValue().get("minHeight").asInt(), e.getValue().get("maxHeight").asInt())));
      JsonNode test = root.get("performanceTest");
      return new RetentionRules(root.get("maxImages").asInt(), value(root.get("maxMessages")), Map.copyOf(sizes),
          root.get("defaultImageSize").asText(), root.get("headerMaxLength").asInt(), root.get("bodyMaxLength").asInt(),
          root.get("maxBulletPoints").asInt(), root.get("bulletPointTextMaxLength").asInt(), root.get("altTextMaxLength").asInt(),
          root.get("realtimeUrlMaxLength").asInt(), Duration.ofSeconds(value(root.get("reviewDelaySeconds"))),
          (ObjectNode) test.get("config"), test.get("userLocale").asText());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("braeburn/storekit/retention.json is unreadable", e);
    }
  }

  /** A rule is a number, or {@code {"value": n, "inferred": true}} when Braeburn chose it. */
  private static int value(JsonNode node) {
    return node.isObject() ? node.get("value").asInt() : node.asInt();
  }

  int config(String name) {
    return performanceTestConfig.get(name).asInt();
  }
}
