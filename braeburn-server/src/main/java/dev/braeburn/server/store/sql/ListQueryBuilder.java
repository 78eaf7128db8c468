package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.PageKey;
import java.util.List;

/**
 * Turns a {@link ListSpec} into keyset-paged SQL. Each sort key becomes two columns — "has a
 * value" and the value with nulls replaced — so that the keyset condition is a plain
 * lexicographic comparison that never meets SQL NULL; the insertion sequence breaks ties.
 */
final class ListQueryBuilder {
  private final Dialect dialect;
  private final String teamId;
  private int aliases;

  ListQueryBuilder(Dialect dialect, String teamId) {
    this.dialect = dialect;
    this.teamId = teamId;
  }

  /** FROM and WHERE shared by the page query and the count. */
  SqlBuilder fromWhere(ListSpec spec) {
    SqlBuilder b = new SqlBuilder();
    if (spec.parent() != null) {
      b.sql(" FROM links p JOIN resources r ON r.seq = p.dst_seq")
          .sql(" WHERE p.team_id = ? AND p.src_type = ? AND p.src_id = ? AND p.rel = ?",
              teamId, spec.parent().type(), spec.parent().id(), spec.parent().relation())
          .sql(" AND p.dst_type = ? AND r.team_id = ?", spec.type(), teamId);
    } else {
      b.sql(" FROM resources r WHERE r.team_id = ? AND r.type = ?", teamId, spec.type());
    }
    for (Condition c : spec.conditions()) {
      b.sql(" AND ").append(condition(c, "r"));
    }
    return b;
  }

  /**
   * The query for {@code meta.paging.total}. An unnarrowed top-level collection (no parent, no
   * condition: {@code filter[…]}, {@code exists[…]} and {@code filter[id]} are all conditions; order
   * and cursor do not change the total) reads the per-(team, type) count kept by triggers on
   * {@code resources}, in O(1); everything else counts its rows.
   */
  SqlBuilder total(ListSpec spec) {
    if (spec.parent() == null && spec.conditions().isEmpty()) {
      return storedCount(teamId, spec.type());
    }
    return new SqlBuilder().sql("SELECT COUNT(*)").append(fromWhere(spec));
  }

  /**
   * {@code SELECT COUNT(*) FROM resources WHERE team_id = ? AND type = ?}, read from
   * {@code resource_counts} (migration V5 on SQLite, V7 on PostgreSQL) plus the deltas of the
   * reading transaction's own uncommitted writes, which PostgreSQL folds in only at commit
   * (always none on SQLite, whose triggers update the count directly).
   */
  static SqlBuilder storedCount(String teamId, String type) {
    return new SqlBuilder()
        .sql("SELECT COALESCE((SELECT n FROM resource_counts WHERE team_id = ? AND type = ?), 0)", teamId, type)
        .sql(" + COALESCE((SELECT SUM(n) FROM resource_count_deltas WHERE team_id = ? AND type = ?), 0)", teamId, type);
  }

  SqlBuilder page(ListSpec spec) {
    SqlBuilder b = new SqlBuilder().sql("SELECT r.seq, r.type, r.id, r.attributes");
    List<ListSpec.Order> order = spec.order();
    for (ListSpec.Order o : order) {
      b.sql(", ").append(presenceExpr(o)).sql(", ").append(coalesced(o));
    }
    b.append(fromWhere(spec));
    if (spec.after() != null) {
      b.sql(" AND ").append(after(order, spec.after()));
    }
    b.sql(" ORDER BY ");
    for (ListSpec.Order o : order) {
      String dir = o.descending() ? " DESC" : " ASC";
      b.append(presenceExpr(o)).sql(dir + ", ").append(coalesced(o)).sql(dir + ", ");
    }
    b.sql("r.seq ASC LIMIT ?", spec.limit() + 1);
    return b;
  }

  private SqlBuilder presenceExpr(ListSpec.Order o) {
    return new SqlBuilder()
        .sql("(CASE WHEN " + dialect.attribute("r", o.kind()) + " IS NULL THEN 0 ELSE 1 END)",
            dialect.attributePath(o.attribute()));
  }

  private SqlBuilder coalesced(ListSpec.Order o) {
    return new SqlBuilder()
        .sql("COALESCE(" + dialect.attribute("r", o.kind()) + ", " + dialect.nullDefault(o.kind()) + ")",
            dialect.attributePath(o.attribute()));
  }

  /** (k1 > v1) OR (k1 = v1 AND k2 > v2) … OR (all equal AND seq > s), directions respected. */
  private SqlBuilder after(List<ListSpec.Order> order, PageKey key) {
    SqlBuilder b = new SqlBuilder().sql("(");
    int columns = order.size() * 2;
    for (int term = 0; term <= columns; term++) {
      b.sql(term == 0 ? "(" : " OR (");
      for (int col = 0; col < term; col++) {
        b.append(column(order, col)).sql(" = ?", keyValue(key, col)).sql(" AND ");
      }
      if (term == columns) {
        b.sql("r.seq > ?", key.seq());
      } else {
        boolean desc = order.get(term / 2).descending();
        b.append(column(order, term)).sql(desc ? " < ?" : " > ?", keyValue(key, term));
      }
      b.sql(")");
    }
    return b.sql(")");
  }

  private SqlBuilder column(List<ListSpec.Order> order, int col) {
    ListSpec.Order o = order.get(col / 2);
    return col % 2 == 0 ? presenceExpr(o) : coalesced(o);
  }

  private static Object keyValue(PageKey key, int col) {
    return col % 2 == 0 ? (key.present().get(col / 2) ? 1 : 0) : key.values().get(col / 2);
  }

  SqlBuilder condition(Condition c, String alias) {
    return switch (c) {
      case Condition.AttributeIn in -> {
        SqlBuilder b = new SqlBuilder().sql(dialect.attribute(alias, in.kind()) + " IN ", dialect.attributePath(in.attribute()));
        yield b.in(in.values().stream().map(v -> dialect.value(in.kind(), v)).toList());
      }
      case Condition.AttributeContains contains -> dialect.arrayContains(alias, contains.attribute(), contains.values());
      case Condition.IdIn ids -> new SqlBuilder().sql(alias + ".id IN ").in(ids.ids());
      case Condition.LinkedTo to -> edge(alias, to.relation()).sql(" AND l" + aliases + ".dst_id IN ").in(to.ids()).sql(")");
      case Condition.LinkedWhere where -> {
        String link = "l" + (++aliases);
        String target = "t" + aliases;
        SqlBuilder b = new SqlBuilder()
            .sql("EXISTS (SELECT 1 FROM links " + link + " JOIN resources " + target + " ON " + target + ".seq = " + link + ".dst_seq")
            .sql(" WHERE " + link + ".team_id = " + alias + ".team_id AND " + link + ".src_type = " + alias + ".type")
            .sql(" AND " + link + ".src_id = " + alias + ".id AND " + link + ".rel = ?", where.relation());
        yield b.sql(" AND ").append(condition(where.inner(), target)).sql(")");
      }
      case Condition.AttributeExists ex ->
          new SqlBuilder().sql(dialect.attribute(alias, dev.braeburn.server.store.ValueKind.STRING)
              + (ex.exists() ? " IS NOT NULL" : " IS NULL"), dialect.attributePath(ex.attribute()));
      case Condition.LinkExists ex ->
          new SqlBuilder().sql(ex.exists() ? "" : "NOT ").append(edge(alias, ex.relation())).sql(")");
    };
  }

  /** Opens {@code EXISTS (SELECT 1 FROM links lN WHERE <edge from alias via relation>}. */
  private SqlBuilder edge(String alias, String relation) {
    String link = "l" + (++aliases);
    return new SqlBuilder()
        .sql("EXISTS (SELECT 1 FROM links " + link + " WHERE " + link + ".team_id = " + alias + ".team_id")
        .sql(" AND " + link + ".src_type = " + alias + ".type AND " + link + ".src_id = " + alias + ".id")
        .sql(" AND " + link + ".rel = ?", relation);
  }
}
