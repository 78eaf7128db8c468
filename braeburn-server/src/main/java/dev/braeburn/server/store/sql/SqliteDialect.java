package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.ValueKind;

/** SQLite: {@code json_extract} returns native values (booleans as 1/0, numbers as numbers). */
public final class SqliteDialect implements Dialect {
  @Override
  public String attribute(String alias, ValueKind kind) {
    return "json_extract(" + alias + ".attributes, ?)";
  }

  @Override
  public SqlBuilder arrayContains(String alias, String attribute, java.util.List<String> values) {
    return new SqlBuilder()
        .sql("EXISTS (SELECT 1 FROM json_each(" + alias + ".attributes, ?) WHERE value IN ", attributePath(attribute))
        .in(values)
        .sql(")");
  }

  @Override
  public Object attributePath(String attribute) {
    return "$.\"" + attribute + "\"";
  }

  @Override
  public Object value(ValueKind kind, String text) {
    return switch (kind) {
      case BOOLEAN -> Boolean.parseBoolean(text) ? 1 : 0;
      case NUMBER -> number(text);
      case STRING -> text;
    };
  }

  static Object number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException notNumber) {
        return text;
      }
    }
  }

  @Override
  public String jsonParameter() {
    return "?";
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/sqlite";
  }
}
