package dev.braeburn.server.rules;

import dev.braeburn.server.jsonapi.ApiError;
import java.util.Map;

/**
 * An Apple error the table can name for a refused change, with {@code {attribute}},
 * {@code {type}}, {@code {id}} and {@code {state}} placeholders in its detail and pointer.
 */
public record Refusal(String name, int status, String code, String title, String detail, String pointer) {

  ApiError error(Map<String, String> values) {
    ApiError error = ApiError.of(status, code, title, detail == null ? null : fill(detail, values));
    return pointer == null ? error : error.pointer(fill(pointer, values));
  }

  static String fill(String template, Map<String, String> values) {
    String out = template;
    for (var e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
    }
    return out;
  }
}
