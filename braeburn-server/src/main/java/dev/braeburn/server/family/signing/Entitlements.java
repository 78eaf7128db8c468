package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A profile's {@code Entitlements} (provisioning.md §4.4) from {@code entitlements.json}: the base
 * of the profile's kind, beta reports for App Store and ad hoc profiles, and what each capability
 * of the bundle ID adds, with its settings. The table is data; this class only substitutes.
 */
final class Entitlements {
  private final JsonNode table;

  private Entitlements(JsonNode table) {
    this.table = table;
  }

  /** Reads the table and checks that it names only capabilities of the spec ({@code known}). */
  static Entitlements load(Set<String> knownCapabilities) {
    try (InputStream in = Entitlements.class.getResourceAsStream("/dev/braeburn/server/family/signing/entitlements.json")) {
      JsonNode table = new ObjectMapper().readTree(in);
      Set<String> unknown = new TreeSet<>();
      table.path("capabilities").fieldNames().forEachRemaining(unknown::add);
      table.path("settings").fieldNames().forEachRemaining(unknown::add);
      unknown.removeAll(knownCapabilities);
      if (!unknown.isEmpty()) {
        throw new IllegalStateException("entitlements.json names capabilities the spec does not have: " + unknown);
      }
      return new Entitlements(table);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read entitlements.json", e);
    }
  }

  /** The capability types the table has a row for. */
  Set<String> capabilities() {
    Set<String> out = new TreeSet<>();
    table.path("capabilities").fieldNames().forEachRemaining(out::add);
    return out;
  }

  SortedMap<String, Object> of(ProfileTypes type, Resource bundleId, List<Resource> capabilities, String teamId) {
    Map<String, String> values = Map.of(
        "$prefix", bundleId.attributes().path("seedId").asText(teamId),
        "$identifier", bundleId.attributes().path("identifier").asText(),
        "$teamId", teamId,
        "$aps", type.distribution.development ? "development" : "production");
    SortedMap<String, Object> out = new TreeMap<>();
    boolean mac = type.kind == ProfileTypes.Kind.MAC;
    put(out, table.path("base").path(type.kind.entitlementBase), values, type, mac);
    if (type.distribution.betaReports) {
      put(out, table.path("betaReports"), values, type, mac);
    }
    for (Resource capability : capabilities) {
      String name = capability.attributes().path("capabilityType").asText();
      JsonNode setting = table.path("settings").path(name);
      Map<String, String> withSetting = new java.util.HashMap<>(values);
      withSetting.put("$setting", setting.isMissingNode() ? "" : settingValue(setting, capability.attributes().path("settings")));
      put(out, table.path("capabilities").path(name), withSetting, type, mac);
    }
    return out;
  }

  private void put(Map<String, Object> out, JsonNode entries, Map<String, String> values, ProfileTypes type, boolean mac) {
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = mac ? table.path("macKeys").path(entry.getKey()).asText(entry.getKey()) : entry.getKey();
      out.put(key, value(entry.getValue(), values, type));
    }
  }

  private static Object value(JsonNode node, Map<String, String> values, ProfileTypes type) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<String> list = new ArrayList<>();
      node.forEach(item -> list.add(substitute(item.asText(), values)));
      return list;
    }
    if (node.asText().equals("$development")) {
      return type.distribution.development;
    }
    return substitute(node.asText(), values);
  }

  private static String substitute(String text, Map<String, String> values) {
    String out = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      out = out.replace(value.getKey(), value.getValue());
    }
    return out;
  }

  /** The option the capability's settings chose for the table's setting key, mapped; the table's default otherwise. */
  private static String settingValue(JsonNode setting, JsonNode settings) {
    for (JsonNode s : settings) {
      if (s.path("key").asText().equals(setting.path("key").asText())) {
        for (JsonNode option : s.path("options")) {
          JsonNode mapped = setting.path("options").path(option.path("key").asText());
          if (!mapped.isMissingNode()) {
            return mapped.asText();
          }
        }
      }
    }
    return setting.path("default").asText();
  }
}
