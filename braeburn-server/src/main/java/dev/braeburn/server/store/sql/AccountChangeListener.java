package dev.braeburn.server.store.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection: when any instance commits a change to
 * teams or keys ({@code NOTIFY braeburn_accounts}, sent in the same transaction), every instance
 * hears it within milliseconds and drops its caches — a key revoked through one instance stops
 * working on all of them. After a lost connection the listeners are called anyway (a notification
 * may have been missed) and the connection is reopened.
 */
final class AccountChangeListener implements AutoCloseable {
  static final String CHANNEL = "braeburn_accounts";
  private static final Logger LOG = LoggerFactory.getLogger(AccountChangeListener.class);

  private final String jdbcUrl;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  private AccountChangeListener(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    this.thread = Thread.ofPlatform().daemon().name("braeburn-account-listener").unstarted(this::run);
  }

  static AccountChangeListener start(String jdbcUrl) {
    AccountChangeListener listener = new AccountChangeListener(jdbcUrl);
    listener.thread.start();
    return listener;
  }

  void add(Runnable listener) {
    listeners.add(listener);
  }

  private void run() {
    while (!closed) {
      try (Connection conn = DriverManager.getConnection(jdbcUrl)) {
        try (Statement s = conn.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        fire(); // whatever changed while we were not listening
        PGConnection pg = conn.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null && notifications.length > 0) {
            fire();
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          LOG.warn("account change listener lost its connection ({}); reconnecting", e.getMessage());
          pause();
        }
      }
    }
  }

  private void fire() {
    listeners.forEach(Runnable::run);
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
