package dev.braeburn.spec;

import java.util.List;

/**
 * A query parameter of an operation. {@link #family()} is the part before the brackets ({@code
 * filter}, {@code fields}, {@code limit}, {@code exists}) or the whole name ({@code include},
 * {@code sort}, {@code limit}); {@link #key()} is the part inside the brackets.
 */
public record Parameter(String name, String family, String key, boolean required, Schema schema) {

  static Parameter of(String name, boolean required, Schema schema) {
    int open = name.indexOf('[');
    if (open > 0 && name.endsWith("]")) {
      return new Parameter(
          name, name.substring(0, open), name.substring(open + 1, name.length() - 1), required, schema);
    }
    return new Parameter(name, name, null, required, schema);
  }

  /** Allowed values of the parameter or of its array items; null when free-form. */
  public List<String> allowedValues() {
    Schema s = schema.isArray() ? schema.items() : schema;
    return s == null ? null : s.enumValues();
  }

  /** JSON type of the value or of its array items: string, integer, boolean, number. */
  public String valueType() {
    Schema s = schema.isArray() ? schema.items() : schema;
    return s == null || s.type() == null ? "string" : s.type();
  }

  public boolean isList() {
    return schema.isArray();
  }
}
