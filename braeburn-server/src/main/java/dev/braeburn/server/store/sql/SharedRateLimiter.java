package dev.braeburn.server.store.sql;

import dev.braeburn.server.auth.RateLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The rolling hour counted in PostgreSQL, so every instance behind a load balancer sees the same
 * count for a key: one call of {@code bb_rate_acquire} (migration V4) per request, on a pool whose
 * commits do not wait for the disk — a count lost to a crash costs a client one extra request,
 * not data. Seconds of keys no longer used are purged every ten minutes.
 */
final class SharedRateLimiter implements RateLimiter {
  private static final long PURGE_EVERY_SECONDS = 600;

  private final DataSource counters;
  private final AtomicLong lastPurge = new AtomicLong();

  SharedRateLimiter(DataSource counters) {
    this.counters = counters;
  }

  @Override
  public Verdict acquire(String keyId, int limit, Instant now) {
    long second = now.getEpochSecond();
    purgeIfDue(second);
    try (Connection c = counters.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT allowed, remaining, retry_after FROM bb_rate_acquire(?, ?, ?)")) {
      s.setString(1, keyId);
      s.setLong(2, second);
      s.setInt(3, limit);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Verdict(rs.getBoolean(1), limit, rs.getInt(2), rs.getLong(3));
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void reset(String keyId) {
    try (Connection c = counters.getConnection();
        PreparedStatement seconds = c.prepareStatement("DELETE FROM rate_seconds WHERE key_id = ?");
        PreparedStatement window = c.prepareStatement("DELETE FROM rate_windows WHERE key_id = ?")) {
      seconds.setString(1, keyId);
      seconds.executeUpdate();
      window.setString(1, keyId);
      window.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Keys that stopped calling keep up to an hour of seconds; one instance now and then removes them. */
  private void purgeIfDue(long second) {
    long last = lastPurge.get();
    if (second - last < PURGE_EVERY_SECONDS || !lastPurge.compareAndSet(last, second)) {
      return;
    }
    try (Connection c = counters.getConnection();
        PreparedStatement s = c.prepareStatement("WITH idle AS (DELETE FROM rate_windows w WHERE NOT EXISTS"
            + " (SELECT 1 FROM rate_seconds s WHERE s.key_id = w.key_id AND s.second > ?) RETURNING key_id)"
            + " DELETE FROM rate_seconds WHERE key_id IN (SELECT key_id FROM idle)")) {
      s.setLong(1, second - WINDOW_SECONDS);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }
}
