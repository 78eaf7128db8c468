package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.ValueKind;
import java.math.BigDecimal;

/**
 * PostgreSQL: attributes are {@code jsonb}. To behave exactly as SQLite does, attribute reads are
 * typed like SQLite's {@code json_extract}: numbers as numeric (null when the value is not a
 * number), booleans as 1/0, strings compared and sorted byte-wise ({@code COLLATE "C"}, SQLite's
 * BINARY) whatever the database's locale. The two helper functions come with migration V3.
 */
public final class PostgresDialect implements Dialect {
  @Override
  public String attribute(String alias, ValueKind kind) {
    return switch (kind) {
      case STRING -> "((" + alias + ".attributes ->> ?::text) COLLATE \"C\")";
      case NUMBER -> "bb_number(" + alias + ".attributes -> ?::text)";
      case BOOLEAN -> "bb_flag(" + alias + ".attributes -> ?::text)";
    };
  }

  @Override
  public SqlBuilder arrayContains(String alias, String attribute, java.util.List<String> values) {
    SqlBuilder b = new SqlBuilder().sql("jsonb_exists_any(" + alias + ".attributes -> ?::text, ARRAY[", attributePath(attribute));
    for (int i = 0; i < values.size(); i++) {
      b.sql(i == 0 ? "?::text" : ", ?::text", values.get(i));
    }
    return b.sql("])");
  }

  @Override
  public Object attributePath(String attribute) {
    return attribute;
  }

  @Override
  public Object value(ValueKind kind, String text) {
    return switch (kind) {
      case BOOLEAN -> Boolean.parseBoolean(text) ? 1 : 0;
      case NUMBER -> number(text);
      case STRING -> text;
    };
  }

  /** A filter value that is not a number matches nothing, as in SQLite where it compares as text. */
  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String jsonParameter() {
    return "?::jsonb";
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/postgres";
  }

  @Override
  public SqlBuilder writeLock(String teamId) {
    // One writer per team at a time, across every instance sharing the database: the same
    // serial order SQLite's single writer gives, so read-modify-write never loses an update.
    return new SqlBuilder().sql("SELECT pg_advisory_xact_lock(hashtext(?))", "braeburn:" + teamId);
  }

  @Override
  public SqlBuilder changed(String channel) {
    return new SqlBuilder().sql("NOTIFY " + channel);
  }
}
