package dev.braeburn.server.store.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection: when any instance commits a change that
 * other instances cache — teams and keys ({@code braeburn_accounts}), the virtual clock ({@code
 * braeburn_clock}), fault rules ({@code braeburn_faults}), teams' quirk switches ({@code braeburn_quirks}) — the NOTIFY sent in the same transaction reaches every instance within
 * milliseconds and it drops its cache: a key revoked through one instance stops working on all of
 * them. After a lost connection every listener is called anyway (a notification may have been
 * missed) and the connection is reopened.
 */
final class ChangeListener implements AutoCloseable {
  static final String ACCOUNTS = "braeburn_accounts";
  static final String CLOCK = "braeburn_clock";
  static final String FAULTS = "braeburn_faults";
  static final String QUIRKS = "braeburn_quirks";
  private static final List<String> CHANNELS = List.of(ACCOUNTS, CLOCK, FAULTS, QUIRKS);
  private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

  private final String jdbcUrl;
  private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  private ChangeListener(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    this.thread = Thread.ofPlatform().daemon().name("braeburn-change-listener").unstarted(this::run);
  }

  static ChangeListener start(String jdbcUrl) {
    ChangeListener listener = new ChangeListener(jdbcUrl);
    listener.thread.start();
    return listener;
  }

  void add(String channel, Runnable listener) {
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
  }

  private void run() {
    while (!closed) {
      try (Connection conn = DriverManager.getConnection(jdbcUrl)) {
        try (Statement s = conn.createStatement()) {
          for (String channel : CHANNELS) {
            s.execute("LISTEN " + channel);
          }
        }
        CHANNELS.forEach(this::fire); // whatever changed while we were not listening
        PGConnection pg = conn.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null) {
            java.util.Arrays.stream(notifications).map(PGNotification::getName).distinct().forEach(this::fire);
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          LOG.warn("change listener lost its connection ({}); reconnecting", e.getMessage());
          pause();
        }
      }
    }
  }

  private void fire(String channel) {
    for (Runnable listener : listeners.getOrDefault(channel, List.of())) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        if (!closed) { // while closing, a reload may meet the pools already shut: nothing to refresh any more
          LOG.warn("a listener of {} failed: {}", channel, e.getMessage());
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000); // a retry interval after a database outage, not a test timing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
