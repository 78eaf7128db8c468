package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Apple's notification types and their subtypes, from {@code notification-types.json} (server-api.md §3.7). */
final class NotificationTypes {
  private final Map<String, Set<String>> subtypes = new LinkedHashMap<>();

  NotificationTypes(JsonNode table) {
    table.path("types").fields().forEachRemaining(e -> {
      Set<String> s = new TreeSet<>();
      e.getValue().path("subtypes").forEach(v -> s.add(v.asText()));
      subtypes.put(e.getKey(), s);
    });
  }

  static NotificationTypes load(ObjectMapper mapper) {
    try (InputStream in = NotificationTypes.class.getResourceAsStream("notification-types.json")) {
      return new NotificationTypes(mapper.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isType(String type) {
    return subtypes.containsKey(type);
  }

  /** Every subtype any type carries (Apple's Subtype enum). */
  boolean isSubtype(String subtype) {
    return subtypes.values().stream().anyMatch(s -> s.contains(subtype));
  }

  Set<String> types() {
    return subtypes.keySet();
  }
}
