package dev.braeburn.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A fault rule to and from its JSON (the document stored and shown by {@code /_braeburn/faults};
 * the format is in docs/faults.md). Reading validates every field and refuses the first problem in
 * the admin API's error format (409 {@code ENTITY_ERROR.ATTRIBUTE.INVALID} with its pointer).
 */
final class FaultRuleJson {
  /** The statuses an error fault answers with, each in Apple's format for the API addressed. */
  static final Set<Integer> STATUSES = Set.of(401, 429, 500, 502, 503);
  /** The longest latency: two minutes, longer than any client's timeout worth testing, short enough to end. */
  static final int MAX_LATENCY_MS = 120_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final Set<String> TOP = Set.of("id", "match", "fault", "probability", "seed", "count", "window");
  private static final Set<String> MATCH = Set.of("method", "path", "team", "key");
  private static final Set<String> WINDOW = Set.of("from", "until");

  private FaultRuleJson() {}

  static FaultRule read(JsonNode body) {
    only(body, TOP, "");
    String id = body.has("id") ? text(body, "id", "/id") : "f" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    if (!ID.matcher(id).matches()) {
      throw AdminJson.invalid("/id", "an id is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return new FaultRule(id, match(body.path("match")), effect(body.get("fault")), probability(body), longValue(body, "seed", Long.MIN_VALUE),
        count(body), window(body.path("window")));
  }

  private static FaultRule.Match match(JsonNode match) {
    if (match.isMissingNode()) {
      return new FaultRule.Match(null, null, null, null);
    }
    only(match, MATCH, "/match");
    String method = optionalText(match, "method", "/match/method");
    if (method != null && !METHOD.matcher(method.toUpperCase(Locale.ROOT)).matches()) {
      throw AdminJson.invalid("/match/method", "'" + method + "' is no HTTP method");
    }
    String path = optionalText(match, "path", "/match/path");
    if (path != null && !path.startsWith("/")) {
      throw AdminJson.invalid("/match/path", "a path pattern starts with '/', e.g. /v1/apps/*/inAppPurchasesV2");
    }
    return new FaultRule.Match(method == null ? null : method.toUpperCase(Locale.ROOT), path == null ? null : PathPattern.of(path),
        optionalText(match, "team", "/match/team"), optionalText(match, "key", "/match/key"));
  }

  private static FaultRule.Effect effect(JsonNode fault) {
    if (fault == null || !fault.isObject()) {
      throw AdminJson.invalid("/fault", "a rule needs a fault: {\"type\":\"latency\",\"ms\":250}, {\"type\":\"error\",\"status\":429},"
          + " {\"type\":\"drop\"} or {\"type\":\"truncate\"}");
    }
    String type = text(fault, "type", "/fault/type");
    return switch (type) {
      case "latency" -> {
        only(fault, Set.of("type", "ms"), "/fault");
        Long ms = longValue(fault, "ms", 1);
        if (ms == null || ms > MAX_LATENCY_MS) {
          throw AdminJson.invalid("/fault/ms", "a latency fault takes ms from 1 to " + MAX_LATENCY_MS);
        }
        yield new FaultRule.Effect(FaultRule.Type.LATENCY, ms.intValue(), 0);
      }
      case "error" -> {
        only(fault, Set.of("type", "status"), "/fault");
        Long status = longValue(fault, "status", 0);
        if (status == null || !STATUSES.contains(status.intValue())) {
          throw AdminJson.invalid("/fault/status", "an error fault answers 401, 429, 500, 502 or 503");
        }
        yield new FaultRule.Effect(FaultRule.Type.ERROR, 0, status.intValue());
      }
      case "drop", "truncate" -> {
        only(fault, Set.of("type"), "/fault");
        yield new FaultRule.Effect(FaultRule.Type.valueOf(type.toUpperCase(Locale.ROOT)), 0, 0);
      }
      default -> throw AdminJson.invalid("/fault/type", "'" + type + "' is no fault type; use latency, error, drop or truncate");
    };
  }

  private static Double probability(JsonNode body) {
    JsonNode p = body.get("probability");
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isNumber() || p.doubleValue() < 0 || p.doubleValue() > 1) {
      throw AdminJson.invalid("/probability", "a probability is a number from 0 to 1");
    }
    return p.doubleValue();
  }

  private static Long count(JsonNode body) {
    Long count = longValue(body, "count", 1);
    return body.has("count") ? count : null;
  }

  private static FaultRule.Window window(JsonNode window) {
    if (window.isMissingNode() || window.isNull()) {
      return null;
    }
    only(window, WINDOW, "/window");
    Instant from = instant(window, "from");
    Instant until = instant(window, "until");
    if (from != null && until != null && !until.isAfter(from)) {
      throw AdminJson.invalid("/window/until", "the window ends before it starts");
    }
    return new FaultRule.Window(from, until);
  }

  private static Instant instant(JsonNode window, String field) {
    String text = optionalText(window, field, "/window/" + field);
    try {
      return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw AdminJson.invalid("/window/" + field, "'" + text + "' is no ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00Z");
    }
  }

  /** A whole number at least {@code min}; null when absent. */
  private static Long longValue(JsonNode node, String field, long min) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min) {
      throw AdminJson.invalid(pointer(node, field), "'" + field + "' is a whole number" + (min > Long.MIN_VALUE ? " of at least " + min : ""));
    }
    return v.longValue();
  }

  private static String pointer(JsonNode node, String field) {
    return node.has("type") ? "/fault/" + field : "/" + field;
  }

  private static String text(JsonNode node, String field, String pointer) {
    String value = optionalText(node, field, pointer);
    if (value == null) {
      throw AdminJson.invalid(pointer, "'" + field + "' is required");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field, String pointer) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw AdminJson.invalid(pointer, "'" + field + "' is a non-empty string");
    }
    return v.textValue();
  }

  private static void only(JsonNode node, Set<String> allowed, String at) {
    if (!node.isObject()) {
      throw AdminJson.invalid(at.isEmpty() ? "/" : at, "expected a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw AdminJson.invalid(at + "/" + name, "'" + name + "' is not a field here; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  static ObjectNode write(FaultRule rule, ObjectMapper mapper) {
    ObjectNode out = mapper.createObjectNode().put("id", rule.id());
    ObjectNode match = out.putObject("match");
    FaultRule.Match m = rule.match();
    putIfPresent(match, "method", m.method());
    putIfPresent(match, "path", m.path() == null ? null : m.path().glob());
    putIfPresent(match, "team", m.team());
    putIfPresent(match, "key", m.key());
    ObjectNode fault = out.putObject("fault").put("type", rule.effect().type().name().toLowerCase(Locale.ROOT));
    switch (rule.effect().type()) {
      case LATENCY -> fault.put("ms", rule.effect().ms());
      case ERROR -> fault.put("status", rule.effect().status());
      default -> { }
    }
    if (rule.probability() != null) {
      out.put("probability", rule.probability());
    }
    if (rule.seed() != null) {
      out.put("seed", rule.seed());
    }
    if (rule.count() != null) {
      out.put("count", rule.count());
    }
    if (rule.window() != null) {
      ObjectNode window = out.putObject("window");
      putIfPresent(window, "from", rule.window().from() == null ? null : rule.window().from().toString());
      putIfPresent(window, "until", rule.window().until() == null ? null : rule.window().until().toString());
    }
    return out;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
