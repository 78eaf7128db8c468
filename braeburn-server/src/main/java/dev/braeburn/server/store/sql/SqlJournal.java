package dev.braeburn.server.store.sql;

import dev.braeburn.server.journal.RequestJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request journal in PostgreSQL, shared by every instance on the database. A request only
 * queues its entry; a background thread writes queued entries in batches every 100 ms, so the
 * journal costs the request no round trip. Reading first writes this instance's queue, so an
 * instance always shows its own requests; another instance's appear once its batch is written
 * (within 100 ms, or at once after that instance was asked for its journal). Newest first means by
 * request time, not by insertion. Trimmed to the configured size after each batch.
 */
final class SqlJournal implements RequestJournal {
  private static final Logger LOG = LoggerFactory.getLogger(SqlJournal.class);
  private static final int MAX_PENDING = 50_000;
  private static final int BATCH = 1_000;
  private static final long FLUSH_MILLIS = 100;
  private static final String COLUMNS =
      "request_id, time, method, path, query, status, issuer_id, key_id, error_code, diagnosis, duration_micros, fault";

  private final DataSource counters;
  private final int capacity;
  private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>(MAX_PENDING);
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread flusher;
  private volatile boolean closed;

  SqlJournal(DataSource counters, int capacity) {
    this.counters = counters;
    this.capacity = capacity;
    this.flusher = Thread.ofPlatform().daemon().name("braeburn-journal").start(this::run);
  }

  @Override
  public void record(Entry entry) {
    if (!pending.offer(entry)) {
      dropped.incrementAndGet(); // the database is far behind; the journal is a diagnostic, requests go on
    }
  }

  @Override
  public List<Entry> recent(Filter filter) {
    flush();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM request_journal WHERE true");
    List<Object> args = new ArrayList<>();
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      args.add(filter.status());
    }
    if (filter.keyId() != null) {
      sql.append(" AND key_id = ?");
      args.add(filter.keyId());
    }
    if (filter.issuerId() != null) {
      sql.append(" AND issuer_id = ?");
      args.add(filter.issuerId());
    }
    sql.append(" ORDER BY at_micros DESC, seq DESC LIMIT ?");
    args.add(filter.limit());
    try (Connection c = counters.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getString(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11),
              rs.getString(12)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void clear() {
    writing.lock();
    try {
      pending.clear();
      try (Connection c = counters.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM request_journal")) {
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    } finally {
      writing.unlock();
    }
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public void close() {
    closed = true;
    flusher.interrupt();
    try {
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  /**
   * Writes the queue every {@value #FLUSH_MILLIS} ms. The entries are taken from the queue only
   * under the write lock, so a reader's {@link #flush()} never misses one that the background
   * thread holds but has not written yet.
   */
  private void run() {
    while (!closed) {
      try {
        Thread.sleep(FLUSH_MILLIS); // the batching interval, not a wait for something to happen
        flush();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
          LOG.warn("request journal: {} entries dropped while the database was behind", lost);
        }
      } catch (InterruptedException e) {
        return; // closing: close() writes the rest
      } catch (RuntimeException e) {
        LOG.warn("request journal batch not written: {}", e.getMessage());
      }
    }
  }

  /** Writes everything queued so far. */
  private void flush() {
    writing.lock();
    try {
      List<Entry> batch = new ArrayList<>();
      while (true) {
        pending.drainTo(batch, BATCH - batch.size());
        if (batch.isEmpty()) {
          return;
        }
        insert(batch);
        batch.clear();
      }
    } finally {
      writing.unlock();
    }
  }

  /**
   * A journal text as PostgreSQL can hold it: U+0000 (a token's kid or iss may carry it, and the
   * diagnosis quotes them) becomes U+FFFD. Without this, one such request made the whole batch
   * fail and roll back, losing every entry queued with it (found by the fuzz suite).
   */
  private static String text(String value) {
    return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
  }

  private void insert(List<Entry> batch) {
    try (Connection c = counters.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO request_journal (" + COLUMNS + ", at_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement trim = c.prepareStatement("DELETE FROM request_journal WHERE seq <= (SELECT max(seq) FROM request_journal) - ?")) {
        for (Entry e : batch) {
          s.setString(1, e.requestId());
          s.setString(2, e.time().toString());
          s.setString(3, text(e.method()));
          s.setString(4, text(e.path()));
          s.setString(5, text(e.query()));
          s.setInt(6, e.status());
          s.setString(7, text(e.issuerId()));
          s.setString(8, text(e.keyId()));
          s.setString(9, text(e.errorCode()));
          s.setString(10, text(e.diagnosis()));
          s.setLong(11, e.durationMicros());
          s.setString(12, text(e.fault()));
          s.setLong(13, java.util.concurrent.TimeUnit.SECONDS.toMicros(e.time().getEpochSecond()) + e.time().getNano() / 1000);
          s.addBatch();
        }
        s.executeBatch();
        trim.setLong(1, capacity);
        trim.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }
}
