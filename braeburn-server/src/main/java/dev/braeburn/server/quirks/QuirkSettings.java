package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Checks the body of {@code PUT /_braeburn/quirks/{name}} against the quirk's row: {@code enabled}
 * (true when absent: a PUT switches the quirk on) and the quirk's own settings, each of its declared
 * type and bounds. A refusal is the admin API's 409 naming the field.
 */
public final class QuirkSettings {
  private QuirkSettings() {}

  public static ObjectNode validated(QuirkCatalogue.Quirk quirk, JsonNode body) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("enabled", true);
    body.properties().forEach(field -> {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("enabled")) {
        if (!value.isBoolean()) {
          throw AdminJson.invalid("/enabled", "enabled must be true or false");
        }
        out.put("enabled", value.asBoolean());
        return;
      }
      QuirkCatalogue.Param param = quirk.params().get(name);
      if (param == null) {
        throw AdminJson.invalid("/" + name, "'" + name + "' is not a setting of " + quirk.name()
            + (quirk.params().isEmpty() ? ", which takes none but enabled" : "; its settings are enabled, " + String.join(", ", quirk.params().keySet())));
      }
      out.set(name, checked(quirk, param, value));
    });
    for (QuirkCatalogue.Param param : quirk.params().values()) {
      if (param.required() && out.path("enabled").asBoolean() && !out.hasNonNull(param.name())) {
        throw AdminJson.invalid("/" + param.name(), quirk.name() + " needs " + param.name() + " (" + describe(param) + ")");
      }
    }
    return out;
  }

  private static JsonNode checked(QuirkCatalogue.Quirk quirk, QuirkCatalogue.Param param, JsonNode value) {
    String pointer = "/" + param.name();
    String what = quirk.name() + "." + param.name() + " must be " + describe(param);
    switch (param.type()) {
      case "integer" -> {
        if (!value.canConvertToExactIntegral() || (param.min() != null && value.asLong() < param.min())
            || (param.max() != null && value.asLong() > param.max())) {
          throw AdminJson.invalid(pointer, what);
        }
        return JsonNodeFactory.instance.numberNode(value.asLong());
      }
      case "date" -> {
        try {
          return JsonNodeFactory.instance.textNode(LocalDate.parse(value.isTextual() ? value.asText() : "?").toString());
        } catch (DateTimeParseException e) {
          throw AdminJson.invalid(pointer, what);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw AdminJson.invalid(pointer, what);
        }
        return value;
      }
      default -> throw new IllegalStateException("unknown setting type " + param.type() + " in " + QuirkCatalogue.RESOURCE);
    }
  }

  /** A setting's type and bounds in words: {@code a whole number from 0 to 10000}. */
  public static String describe(QuirkCatalogue.Param param) {
    return switch (param.type()) {
      case "integer" -> "a whole number" + (param.min() == null ? "" : " from " + param.min()) + (param.max() == null ? "" : " to " + param.max());
      case "date" -> "a date (YYYY-MM-DD)";
      default -> param.type();
    };
  }
}
