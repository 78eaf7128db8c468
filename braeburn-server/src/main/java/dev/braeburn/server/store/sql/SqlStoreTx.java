package dev.braeburn.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.LinkSlice;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link StoreTx} over one JDBC connection inside one transaction, scoped to one team. */
final class SqlStoreTx implements StoreTx {
  private static final int CHUNK = 500;

  private final Connection conn;
  private final Dialect dialect;
  private final String teamId;
  private final ObjectMapper mapper;
  private final Clock clock;
  /** Null when statements are prepared per use (PostgreSQL: its driver caches plans itself). */
  private final StatementCache statements;
  private Connection physical;

  SqlStoreTx(Connection conn, Dialect dialect, String teamId, ObjectMapper mapper, Clock clock, StatementCache statements) {
    this.statements = statements;
    this.conn = conn;
    this.dialect = dialect;
    this.teamId = teamId;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public String teamId() {
    return teamId;
  }

  @Override
  public Optional<Resource> find(String type, String id) {
    List<Resource> found =
        query(new SqlBuilder().sql("SELECT seq, type, id, attributes FROM resources WHERE team_id = ? AND type = ? AND id = ?", teamId, type, id),
            this::resource);
    return found.stream().findFirst();
  }

  @Override
  public List<Resource> findAll(Collection<Linkage> linkages) {
    List<Resource> out = new ArrayList<>();
    Map<String, List<String>> byType =
        linkages.stream().distinct().collect(Collectors.groupingBy(Linkage::type, LinkedHashMap::new, Collectors.mapping(Linkage::id, Collectors.toList())));
    byType.forEach(
        (type, ids) -> {
          for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            out.addAll(
                query(new SqlBuilder().sql("SELECT seq, type, id, attributes FROM resources WHERE team_id = ? AND type = ? AND id IN ", teamId, type).in(chunk),
                    this::resource));
          }
        });
    return out;
  }

  @Override
  public Resource insert(String type, String id, ObjectNode attributes) {
    String now = clock.instant().toString();
    List<Long> seq =
        query(new SqlBuilder()
                .sql("INSERT INTO resources (team_id, type, id, attributes, created_at, updated_at) VALUES (?, ?, ?, " + dialect.jsonParameter() + ", ?, ?) RETURNING seq",
                    teamId, type, id, json(attributes), now, now),
            rs -> rs.getLong(1));
    return new Resource(type, id, seq.getFirst(), attributes);
  }

  @Override
  public void updateAttributes(Resource resource, ObjectNode attributes) {
    update(new SqlBuilder().sql("UPDATE resources SET attributes = " + dialect.jsonParameter() + ", updated_at = ? WHERE seq = ? AND team_id = ?",
        json(attributes), clock.instant().toString(), resource.seq(), teamId));
  }

  @Override
  public boolean delete(String type, String id) {
    Optional<Resource> existing = find(type, id);
    if (existing.isEmpty()) {
      return false;
    }
    update(new SqlBuilder().sql("DELETE FROM links WHERE team_id = ? AND src_type = ? AND src_id = ?", teamId, type, id));
    update(new SqlBuilder().sql("DELETE FROM links WHERE team_id = ? AND dst_type = ? AND dst_id = ?", teamId, type, id));
    update(new SqlBuilder().sql("DELETE FROM resources WHERE seq = ?", existing.get().seq()));
    return true;
  }

  @Override
  public void link(Resource source, String relation, Resource target) {
    update(new SqlBuilder().sql(
        "INSERT INTO links (team_id, src_type, src_id, rel, dst_seq, dst_type, dst_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        teamId, source.type(), source.id(), relation, target.seq(), target.type(), target.id()));
  }

  @Override
  public void unlink(String sourceType, String sourceId, String relation, Linkage target) {
    update(new SqlBuilder().sql(
        "DELETE FROM links WHERE team_id = ? AND src_type = ? AND src_id = ? AND rel = ? AND dst_type = ? AND dst_id = ?",
        teamId, sourceType, sourceId, relation, target.type(), target.id()));
  }

  @Override
  public List<Linkage> linked(String sourceType, String sourceId, String relation) {
    return query(new SqlBuilder().sql(
            "SELECT dst_type, dst_id FROM links WHERE team_id = ? AND src_type = ? AND src_id = ? AND rel = ? ORDER BY dst_seq",
            teamId, sourceType, sourceId, relation),
        rs -> new Linkage(rs.getString(1), rs.getString(2)));
  }

  @Override
  public Map<String, LinkSlice> linkedBatch(String sourceType, Collection<String> sourceIds, String relation, int limit) {
    Map<String, List<Linkage>> first = new LinkedHashMap<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    List<String> ids = List.copyOf(sourceIds);
    for (int i = 0; i < ids.size(); i += CHUNK) {
      SqlBuilder b = new SqlBuilder()
          .sql("SELECT src_id, dst_type, dst_id, total FROM (SELECT src_id, dst_type, dst_id,")
          .sql(" ROW_NUMBER() OVER (PARTITION BY src_id ORDER BY dst_seq) AS rn, COUNT(*) OVER (PARTITION BY src_id) AS total")
          .sql(" FROM links WHERE team_id = ? AND src_type = ? AND rel = ? AND src_id IN ", teamId, sourceType, relation)
          .in(ids.subList(i, Math.min(ids.size(), i + CHUNK)))
          .sql(") ranked WHERE rn <= ? ORDER BY src_id, rn", limit);
      query(b, rs -> {
        String src = rs.getString(1);
        first.computeIfAbsent(src, k -> new ArrayList<>()).add(new Linkage(rs.getString(2), rs.getString(3)));
        totals.put(src, rs.getLong(4));
        return null;
      });
    }
    Map<String, LinkSlice> out = new LinkedHashMap<>();
    first.forEach((src, list) -> out.put(src, new LinkSlice(list, totals.get(src))));
    return out;
  }

  @Override
  public Page list(ListSpec spec) {
    ListQueryBuilder builder = new ListQueryBuilder(dialect, teamId);
    long total = query(builder.total(spec), rs -> rs.getLong(1)).getFirst();
    int keys = spec.order().size();
    List<Object[]> rows = query(new ListQueryBuilder(dialect, teamId).page(spec), rs -> {
      Object[] row = new Object[2 + keys * 2];
      row[0] = resource(rs);
      for (int k = 0; k < keys * 2; k++) {
        row[1 + k] = rs.getObject(5 + k);
      }
      return row;
    });
    List<Resource> items = new ArrayList<>();
    for (int i = 0; i < Math.min(rows.size(), spec.limit()); i++) {
      items.add((Resource) rows.get(i)[0]);
    }
    PageKey next = null;
    if (rows.size() > spec.limit()) {
      Object[] last = rows.get(spec.limit() - 1);
      List<Boolean> present = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        present.add(((Number) last[1 + 2 * k]).intValue() == 1);
        values.add(last[2 + 2 * k]);
      }
      next = new PageKey(present, values, ((Resource) last[0]).seq());
    }
    return new Page(items, total, next);
  }

  @Override
  public long count(String type) {
    return query(ListQueryBuilder.storedCount(teamId, type), rs -> rs.getLong(1)).getFirst();
  }

  @Override
  public java.util.SortedMap<String, Long> countsByType() {
    java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
    // the kept counts plus deltas not folded yet (see ListQueryBuilder.storedCount)
    query(new SqlBuilder().sql("SELECT type, SUM(n) FROM (SELECT type, n FROM resource_counts WHERE team_id = ?", teamId)
        .sql(" UNION ALL SELECT type, n FROM resource_count_deltas WHERE team_id = ?) c GROUP BY type", teamId), rs -> {
          long n = rs.getLong(2);
          if (n > 0) {
            out.put(rs.getString(1), n);
          }
          return null;
        });
    return out;
  }

  @Override
  public java.util.SortedMap<String, List<Linkage>> linksFrom(String sourceType, String sourceId) {
    java.util.SortedMap<String, List<Linkage>> out = new java.util.TreeMap<>();
    query(new SqlBuilder().sql("SELECT rel, dst_type, dst_id FROM links WHERE team_id = ? AND src_type = ? AND src_id = ? ORDER BY rel, dst_seq",
        teamId, sourceType, sourceId), rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Linkage(rs.getString(2), rs.getString(3))));
    return out;
  }

  static final String TASK_COLUMNS = "id, team_id, kind, due_at, payload, attempt";
  /** Set when this transaction scheduled work: once it commits, the scheduler is told to look. */
  private boolean scheduledWork;

  private boolean quirksChanged;

  @Override
  public void quirksChanged() {
    if (!quirksChanged) {
      SqlBuilder notify = dialect.changed(ChangeListener.QUIRKS);
      if (notify != null) {
        update(notify); // delivered at commit, to every instance on the database
      }
    }
    quirksChanged = true;
  }

  /** Whether {@link #quirksChanged} was called: the store tells its listeners after the commit. */
  boolean changedQuirks() {
    return quirksChanged;
  }

  boolean scheduledWork() {
    return scheduledWork;
  }

  @Override
  public Optional<String> certificateAuthority() {
    return query(new SqlBuilder().sql("SELECT document FROM certificate_authority WHERE id = 1"), rs -> rs.getString(1)).stream().findFirst();
  }

  @Override
  public String saveCertificateAuthority(String document) {
    update(new SqlBuilder().sql("INSERT INTO certificate_authority (id, document, created_at) VALUES (1, ?, ?)"
        + " ON CONFLICT (id) DO NOTHING", document, clock.instant().toString()));
    return certificateAuthority().orElseThrow();
  }

  @Override
  public long schedule(String kind, Instant dueAt, ObjectNode payload) {
    scheduledWork = true;
    return query(new SqlBuilder().sql("INSERT INTO scheduled_tasks (team_id, kind, due_at, payload, created_at) VALUES (?, ?, ?, "
        + dialect.jsonParameter() + ", ?) RETURNING id", teamId, kind, dueAt.toEpochMilli(), json(payload), clock.instant().toString()),
        rs -> rs.getLong(1)).getFirst();
  }

  @Override
  public void completeTask(long taskId) {
    update(new SqlBuilder().sql("DELETE FROM scheduled_tasks WHERE id = ? AND team_id = ?", taskId, teamId));
  }

  @Override
  public List<ScheduledTask> scheduled(String kind) {
    return query(new SqlBuilder().sql("SELECT " + TASK_COLUMNS + " FROM scheduled_tasks WHERE team_id = ? AND kind = ? ORDER BY due_at, id",
        teamId, kind), this::task);
  }

  ScheduledTask task(ResultSet rs) throws SQLException {
    try {
      return new ScheduledTask(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
          (ObjectNode) mapper.readTree(rs.getString(5)), rs.getInt(6));
    } catch (JsonProcessingException e) {
      throw new StoreException("unreadable task payload", e);
    }
  }

  private Resource resource(ResultSet rs) throws SQLException {
    try {
      return new Resource(rs.getString(2), rs.getString(3), rs.getLong(1), (ObjectNode) mapper.readTree(rs.getString(4)));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt attributes for " + rs.getString(2) + "/" + rs.getString(3), e);
    }
  }

  private String json(ObjectNode attributes) {
    try {
      return mapper.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes a statement of this transaction alone; a cached one stays open for the next. */
  private void release(PreparedStatement ps) throws SQLException {
    if (statements == null) {
      ps.close();
    } else {
      ps.clearParameters();
    }
  }

  private Connection physical() throws SQLException {
    if (physical == null) {
      physical = conn.unwrap(Connection.class);
    }
    return physical;
  }

  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  <T> List<T> query(SqlBuilder b, RowMapper<T> mapper) {
    try {
      PreparedStatement ps = prepare(b);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      } finally {
        release(ps);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  int update(SqlBuilder b) {
    try {
      PreparedStatement ps = prepare(b);
      try {
        return ps.executeUpdate();
      } finally {
        release(ps);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private PreparedStatement prepare(SqlBuilder b) throws SQLException {
    PreparedStatement ps = statements == null ? conn.prepareStatement(b.text()) : statements.get(physical(), b.text());
    List<Object> params = b.params();
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
    return ps;
  }
}
