package dev.braeburn.server.store.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL text plus its bind values, appended in step so placeholders and values never drift. */
public final class SqlBuilder {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  SqlBuilder sql(String text) {
    sql.append(text);
    return this;
  }

  SqlBuilder sql(String text, Object... values) {
    sql.append(text);
    params.addAll(java.util.Arrays.asList(values));
    return this;
  }

  SqlBuilder in(Collection<?> values) {
    sql.append('(');
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    params.addAll(values);
    return this;
  }

  SqlBuilder append(SqlBuilder other) {
    sql.append(other.sql);
    params.addAll(other.params);
    return this;
  }

  String text() {
    return sql.toString();
  }

  List<Object> params() {
    return params;
  }
}
