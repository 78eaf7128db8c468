package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.RejectedStateException;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the rows of a snapshot load inside {@link SqlSnapshots#replace}'s transaction, checking
 * what the schema alone would not: every row belongs to a team of the load (to the one team, for a
 * team load), keys are not another team's, links join resources that are there. Resources are
 * inserted in arrival order, so the store's new {@code seq} values keep their order; a link's
 * {@code dst_seq} is looked up by the target's type and id. Resources and links go in batches (a
 * round trip per row would dominate on PostgreSQL); a failed row is still named exactly.
 */
final class SqlStateImport implements StateSink {
  private static final int BATCH = 500;

  private final Connection conn;
  private final Dialect dialect;
  private final String onlyTeam;
  private final Set<String> teams = new HashSet<>();
  private final List<StoredResource> pendingResources = new ArrayList<>();
  private final List<StoredLink> pendingLinks = new ArrayList<>();
  private long teamCount;
  private long keyCount;
  private long resourceCount;
  private long linkCount;
  private long taskCount;

  /** {@code onlyTeam}: the team of a team load; null for a whole-server load. */
  SqlStateImport(Connection conn, Dialect dialect, String onlyTeam) {
    this.conn = conn;
    this.dialect = dialect;
    this.onlyTeam = onlyTeam;
  }

  @Override
  public void team(Team team) {
    String pointer = "/teams/" + teamCount++;
    if (onlyTeam != null && !onlyTeam.equals(team.issuerId())) {
      throw new RejectedStateException(pointer, "a snapshot of team " + onlyTeam + " cannot hold team " + team.issuerId());
    }
    if (!teams.add(team.issuerId())) {
      throw new RejectedStateException(pointer, "team " + team.issuerId() + " appears more than once");
    }
    int agreements = team.agreementsMissing() ? 1 : 0;
    try {
      // A snapshot from before team IDs (issue 14) has none: the team keeps the one it has, or gets one.
      int updated = onlyTeam == null ? 0 : update(new SqlBuilder().sql(
          "UPDATE teams SET name = ?, created_at = ?, agreements_missing = ?, team_id = COALESCE(?, team_id), program_membership = ? WHERE issuer_id = ?",
          team.name(), team.createdAt().toString(), agreements, team.teamId(), team.programMembership(), team.issuerId()));
      if (updated == 0) {
        update(new SqlBuilder().sql("INSERT INTO teams (issuer_id, name, created_at, agreements_missing, team_id, program_membership) "
            + "VALUES (?, ?, ?, ?, ?, ?)", team.issuerId(), team.name(), team.createdAt().toString(), agreements,
            team.teamId() == null ? Team.newTeamId() : team.teamId(), team.programMembership()));
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void key(ApiKey key) {
    String pointer = "/keys/" + keyCount++;
    requireTeam(pointer, key.issuerId(), "key " + key.keyId());
    try {
      List<String> owner = new ArrayList<>();
      try (PreparedStatement ps = prepare(conn, new SqlBuilder().sql("SELECT issuer_id FROM api_keys WHERE key_id = ?", key.keyId()));
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owner.add(rs.getString(1));
        }
      }
      if (!owner.isEmpty()) {
        throw new RejectedStateException(pointer, owner.getFirst().equals(key.issuerId())
            ? "key " + key.keyId() + " appears more than once"
            : "key " + key.keyId() + " already belongs to team " + owner.getFirst() + " on this server");
      }
      update(new SqlBuilder().sql(
          "INSERT INTO api_keys (key_id, issuer_id, name, role, key_type, public_key, created_at, revoked_at, hourly_limit)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          key.keyId(), key.issuerId(), key.name(), String.join(",", key.roles()), key.keyType(), key.publicKey(),
          key.createdAt().toString(), key.revokedAt() == null ? null : key.revokedAt().toString(), key.hourlyLimit()));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void resource(StoredResource resource) {
    requireTeam("/resources/" + (resourceCount + pendingResources.size()), resource.issuerId(),
        "resource " + resource.type() + "/" + resource.id());
    pendingResources.add(resource);
    if (pendingResources.size() >= BATCH) {
      flushResources();
    }
  }

  @Override
  public void link(StoredLink link) {
    requireTeam("/links/" + (linkCount + pendingLinks.size()), link.issuerId(), "a link of " + link.sourceType() + "/" + link.sourceId());
    flushResources(); // a link resolves its target among the resources inserted so far
    pendingLinks.add(link);
    if (pendingLinks.size() >= BATCH) {
      flushLinks();
    }
  }

  @Override
  public void task(StoredTask task) {
    requireTeam("/tasks/" + taskCount++, task.issuerId(), "a scheduled " + task.kind());
    flushResources();
    flushLinks();
    try {
      update(new SqlBuilder().sql("INSERT INTO scheduled_tasks (team_id, kind, due_at, payload, attempt, created_at) VALUES (?, ?, ?, "
          + dialect.jsonParameter() + ", ?, ?)", task.issuerId(), task.kind(), task.dueAt().toEpochMilli(), task.payloadJson(),
          task.attempt(), task.dueAt().toString()));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Writes what is still pending and checks that a team load held its team. */
  void finish() {
    flushResources();
    flushLinks();
    if (onlyTeam != null && !teams.contains(onlyTeam)) {
      throw new RejectedStateException("/teams", "a snapshot of team " + onlyTeam + " must list that team in teams");
    }
  }

  private void requireTeam(String pointer, String issuerId, String what) {
    if (!teams.contains(issuerId)) {
      throw new RejectedStateException(pointer, what + " belongs to team " + issuerId + ", which is not among the snapshot's teams");
    }
  }

  private void flushResources() {
    if (pendingResources.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO resources (team_id, type, id, attributes, created_at, updated_at) VALUES (?, ?, ?, "
        + dialect.jsonParameter() + ", ?, ?)";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (StoredResource r : pendingResources) {
        bind(ps, r.issuerId(), r.type(), r.id(), r.attributesJson(), r.createdAt().toString(), r.updatedAt().toString());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (BatchUpdateException e) {
      int index = failedIndex(e, pendingResources.size());
      StoredResource failed = pendingResources.get(index);
      throw new RejectedStateException("/resources/" + (resourceCount + index),
          "resource " + failed.type() + "/" + failed.id() + " of team " + failed.issuerId() + problem(e));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    resourceCount += pendingResources.size();
    pendingResources.clear();
  }

  private void flushLinks() {
    if (pendingLinks.isEmpty()) {
      return;
    }
    // Both ends must exist in the team; the target's seq is the one this database gave it.
    String sql = "INSERT INTO links (team_id, src_type, src_id, rel, dst_seq, dst_type, dst_id)"
        + " SELECT d.team_id, s.type, s.id, ?, d.seq, d.type, d.id FROM resources s, resources d"
        + " WHERE s.team_id = ? AND s.type = ? AND s.id = ? AND d.team_id = ? AND d.type = ? AND d.id = ?";
    int[] counts;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (StoredLink l : pendingLinks) {
        bind(ps, l.relation(), l.issuerId(), l.sourceType(), l.sourceId(), l.issuerId(), l.targetType(), l.targetId());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    } catch (BatchUpdateException e) {
      int index = failedIndex(e, pendingLinks.size());
      throw new RejectedStateException("/links/" + (linkCount + index), describe(pendingLinks.get(index)) + problem(e));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        StoredLink l = pendingLinks.get(i);
        String missing = exists(l.issuerId(), l.sourceType(), l.sourceId())
            ? "its target " + l.targetType() + "/" + l.targetId() : "its source " + l.sourceType() + "/" + l.sourceId();
        throw new RejectedStateException("/links/" + (linkCount + i), describe(l) + ": " + missing + " is not among the team's resources");
      }
    }
    linkCount += pendingLinks.size();
    pendingLinks.clear();
  }

  private static String describe(StoredLink l) {
    return "link " + l.sourceType() + "/" + l.sourceId() + " -" + l.relation() + "-> " + l.targetType() + "/" + l.targetId()
        + " of team " + l.issuerId();
  }

  private boolean exists(String team, String type, String id) {
    try (PreparedStatement ps = prepare(conn, new SqlBuilder().sql(
            "SELECT 1 FROM resources WHERE team_id = ? AND type = ? AND id = ?", team, type, id));
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** The first row of a batch that failed: drivers report the rows before it, or mark it EXECUTE_FAILED. */
  private static int failedIndex(BatchUpdateException e, int size) {
    int[] counts = e.getUpdateCounts();
    if (counts == null) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.EXECUTE_FAILED) {
        return i;
      }
    }
    return Math.min(counts.length, size - 1);
  }

  /** Why the database refused a row: a duplicate, or its own words. */
  private static String problem(BatchUpdateException e) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    String message = String.valueOf(cause.getMessage());
    boolean duplicate = "23505".equals(cause.getSQLState()) || message.contains("UNIQUE") || message.contains("PRIMARY KEY");
    return duplicate ? " appears more than once" : " cannot be stored: " + message;
  }

  private int update(SqlBuilder b) throws SQLException {
    try (PreparedStatement ps = prepare(conn, b)) {
      return ps.executeUpdate();
    }
  }

  static PreparedStatement prepare(Connection conn, SqlBuilder b) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(b.text());
    try {
      bind(ps, b.params().toArray());
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }
}
