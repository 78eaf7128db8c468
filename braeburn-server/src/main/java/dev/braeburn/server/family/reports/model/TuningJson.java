package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.Storefronts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tuning as JSON — the body of {@code GET/PATCH /_braeburn/metrics/apps/{id}/model}, the stored
 * form and part of a frozen model version. {@link #write} is canonical (fixed field order, maps
 * sorted by key), so equal tunings give equal bytes and equal fingerprints. {@link #read} checks
 * every field and names the wrong one in a 400 with its JSON pointer.
 */
final class TuningJson {
  static final List<String> FIELDS = List.of(
      "seed", "launchDate", "dailyDownloads", "territories", "priceUsd", "devices", "weekendFactor", "trendPerYear",
      "launchSpike", "spikes", "noise", "redownloadRate", "deletionRate", "activeRate", "crashRate", "iapRate",
      "subscriptionRate", "trialShare", "inventProducts", "productPrices", "preOrderStart");

  static final int MAX_DAILY_DOWNLOADS = 10_000_000;
  static final int MAX_PRE_ORDER_DAYS = 180;
  private static final LocalDate FIRST_DAY = LocalDate.of(2008, 7, 10); // the App Store opened on 2008-07-10
  private static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TuningJson() {}

  static ObjectNode write(ModelTuning t) {
    ObjectNode o = JSON.objectNode();
    o.put("seed", t.seed());
    o.put("launchDate", t.launchDate().toString());
    o.put("dailyDownloads", t.dailyDownloads());
    putWeights(o.putObject("territories"), new TreeMap<>(t.territories()));
    o.put("priceUsd", t.priceUsd());
    ObjectNode devices = o.putObject("devices");
    for (String device : Tunings.deviceNames()) {
      if (t.devices().containsKey(device)) {
        devices.put(device, t.devices().get(device));
      }
    }
    o.put("weekendFactor", t.weekendFactor());
    o.put("trendPerYear", t.trendPerYear());
    o.put("launchSpike", t.launchSpike());
    ArrayNode spikes = o.putArray("spikes");
    for (ModelTuning.Spike s : t.spikes()) {
      spikes.addObject().put("date", s.date().toString()).put("factor", s.factor()).put("days", s.days());
    }
    o.put("noise", t.noise());
    o.put("redownloadRate", t.redownloadRate());
    o.put("deletionRate", t.deletionRate());
    o.put("activeRate", t.activeRate());
    o.put("crashRate", t.crashRate());
    o.put("iapRate", t.iapRate());
    o.put("subscriptionRate", t.subscriptionRate());
    o.put("trialShare", t.trialShare());
    o.put("inventProducts", t.inventProducts());
    ObjectNode prices = o.putObject("productPrices");
    new TreeMap<>(t.productPrices()).forEach(prices::put);
    if (t.preOrderStart() != null) { // absent when unset, so tunings and fingerprints from before the field stay as they were
      o.put("preOrderStart", t.preOrderStart().toString());
    }
    return o;
  }

  /** Reads a complete tuning (defaults overlaid with what was set); unknown fields are errors. */
  static ModelTuning read(JsonNode o) {
    o.fieldNames().forEachRemaining(TuningJson::requireField);
    LocalDate launchDate = date(o.get("launchDate"), "/launchDate");
    return new ModelTuning(
        integer(o, "seed", Long.MIN_VALUE, Long.MAX_VALUE),
        launchDate,
        (int) integer(o, "dailyDownloads", 0, MAX_DAILY_DOWNLOADS),
        territories(o.get("territories")),
        money(o.get("priceUsd"), "/priceUsd"),
        devices(o.get("devices")),
        number(o, "weekendFactor", 0.05, 20),
        number(o, "trendPerYear", -0.95, 10),
        number(o, "launchSpike", 0, 100),
        spikes(o.get("spikes")),
        number(o, "noise", 0, 1),
        number(o, "redownloadRate", 0, 2),
        number(o, "deletionRate", 0, 0.5),
        number(o, "activeRate", 0, 1),
        number(o, "crashRate", 0, 1),
        number(o, "iapRate", 0, 1),
        number(o, "subscriptionRate", 0, 1),
        number(o, "trialShare", 0, 1),
        bool(o, "inventProducts"),
        productPrices(o.get("productPrices")),
        preOrderStart(o.get("preOrderStart"), launchDate));
  }

  static void requireField(String name) {
    if (!FIELDS.contains(name)) {
      throw invalid("/" + name, "'" + name + "' is not a tuning field; known fields: " + String.join(", ", FIELDS));
    }
  }

  private static Map<String, Double> territories(JsonNode node) {
    Map<String, Double> weights = new TreeMap<>();
    if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String code = node.get(i).asText("");
        if (!node.get(i).isTextual() || !Storefronts.known(code)) {
          throw invalid("/territories/" + i, "territories: " + node.get(i) + " is not a known territory code (ISO 3166-1 alpha-2, e.g. US)");
        }
        if (weights.put(code, 1.0) != null) {
          throw invalid("/territories/" + i, "territories: '" + code + "' is listed twice");
        }
      }
    } else if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!Storefronts.known(e.getKey())) {
          throw invalid("/territories/" + e.getKey(), "territories: '" + e.getKey() + "' is not a known territory code (ISO 3166-1 alpha-2, e.g. US)");
        }
        weights.put(e.getKey(), weight(e.getValue(), "/territories/" + e.getKey()));
      }
    } else {
      throw invalid("/territories", "territories must be an object of territory code → weight, or an array of territory codes");
    }
    if (weights.isEmpty()) {
      throw invalid("/territories", "territories must name at least one territory");
    }
    return weights;
  }

  private static Map<String, Double> devices(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw invalid("/devices", "devices must be a non-empty object of device → weight; devices: " + Tunings.deviceNames());
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String device : Tunings.deviceNames()) {
      if (node.has(device)) {
        weights.put(device, weight(node.get(device), "/devices/" + device));
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!weights.containsKey(e.getKey())) {
        throw invalid("/devices/" + e.getKey(), "devices: '" + e.getKey() + "' is not a device; devices: " + Tunings.deviceNames());
      }
    }
    return weights;
  }

  private static List<ModelTuning.Spike> spikes(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw invalid("/spikes", "spikes must be an array of {\"date\",\"factor\",\"days\"}");
    }
    List<ModelTuning.Spike> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String at = "/spikes/" + i;
      if (!s.isObject()) {
        throw invalid(at, "a spike must be an object {\"date\",\"factor\",\"days\"}");
      }
      out.add(new ModelTuning.Spike(date(s.get("date"), at + "/date"), number(s, "factor", at + "/factor", 0.01, 100),
          (int) integer(s, "days", at + "/days", 1, 365)));
    }
    out.sort(java.util.Comparator.comparing(ModelTuning.Spike::date));
    return List.copyOf(out);
  }

  /**
   * Optional; App Store Connect lets an app be pre-ordered from at most {@value #MAX_PRE_ORDER_DAYS}
   * days before its release date, so the period is 1 … 180 days ending the day before launch.
   */
  private static LocalDate preOrderStart(JsonNode node, LocalDate launchDate) {
    if (node == null || node.isNull()) {
      return null;
    }
    LocalDate start = date(node, "/preOrderStart");
    if (!start.isBefore(launchDate) || start.plusDays(MAX_PRE_ORDER_DAYS).isBefore(launchDate)) {
      throw invalid("/preOrderStart", "preOrderStart must be a date before launchDate (" + launchDate
          + ") and at most " + MAX_PRE_ORDER_DAYS + " days before it");
    }
    return start;
  }

  private static Map<String, BigDecimal> productPrices(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("/productPrices", "productPrices must be an object of product id → price in US dollars");
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), money(e.getValue(), "/productPrices/" + e.getKey()));
    }
    return out;
  }

  private static void putWeights(ObjectNode into, Map<String, Double> weights) {
    weights.forEach(into::put);
  }

  private static double weight(JsonNode v, String pointer) {
    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
      throw invalid(pointer, pointer.substring(1) + " must be a number greater than 0");
    }
    return v.asDouble();
  }

  private static BigDecimal money(JsonNode v, String pointer) {
    if (v == null || !v.isNumber() || v.decimalValue().signum() < 0 || v.decimalValue().compareTo(BigDecimal.valueOf(10_000)) > 0) {
      throw invalid(pointer, pointer.substring(1) + " must be a price in US dollars from 0 to 10000");
    }
    return v.decimalValue().setScale(2, RoundingMode.HALF_UP);
  }

  private static LocalDate date(JsonNode v, String pointer) {
    try {
      LocalDate d = LocalDate.parse(v == null ? "" : v.asText(""));
      if (v.isTextual() && !d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY)) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw invalid(pointer, pointer.substring(1) + " must be a date YYYY-MM-DD from " + FIRST_DAY + " to " + LAST_DAY);
  }

  private static long integer(JsonNode o, String field, long min, long max) {
    return integer(o, field, "/" + field, min, max);
  }

  private static long integer(JsonNode o, String field, String pointer, long min, long max) {
    JsonNode v = o.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw invalid(pointer, pointer.substring(1) + " must be a whole number"
          + (min == Long.MIN_VALUE ? "" : " from " + min + " to " + max));
    }
    return v.asLong();
  }

  private static double number(JsonNode o, String field, double min, double max) {
    return number(o, field, "/" + field, min, max);
  }

  private static double number(JsonNode o, String field, String pointer, double min, double max) {
    JsonNode v = o.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw invalid(pointer, pointer.substring(1) + " must be a number from " + min + " to " + max);
    }
    return v.asDouble();
  }

  private static boolean bool(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isBoolean()) {
      throw invalid("/" + field, field + " must be true or false");
    }
    return v.asBoolean();
  }

  static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", detail).pointer(pointer));
  }
}
