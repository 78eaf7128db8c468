package dev.braeburn.server.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.braeburn.server.store.DatabaseCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A copy of the SQLite database in a file beside it, made and put back with SQLite's online backup
 * (sqlite-jdbc's {@code backup to} and {@code restore from} statements). Putting back copies pages,
 * not rows: no index or trigger work, a few milliseconds for the demo seed where deleting and
 * re-inserting its rows took tens. Both run on the store's one writer connection, so they fall
 * between writes, never inside one. Readers need nothing: the restore commits to the WAL like any
 * write, so a read that began before it keeps its snapshot and the next one sees the copy (the
 * backup also bumps the schema cookie, so every connection re-prepares its statements).
 */
final class SqliteCopy implements DatabaseCopy {
  private final HikariDataSource writer;
  private final Path file;
  private final Runnable afterRestore;

  private SqliteCopy(HikariDataSource writer, Path file, Runnable afterRestore) {
    this.writer = writer;
    this.file = file;
    this.afterRestore = afterRestore;
  }

  /** Copies the database into a new file in {@code dir}; {@code afterRestore} drops the store's caches. */
  static SqliteCopy take(HikariDataSource writer, Path dir, Runnable afterRestore) {
    Path file;
    try {
      file = Files.createTempFile(dir, "braeburn-copy-", ".db");
      Files.delete(file); // the backup creates it as a database of its own
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(writer, "backup to " + quoted(file));
    return new SqliteCopy(writer, file, afterRestore);
  }

  @Override
  public void restore() {
    run(writer, "restore from " + quoted(file));
    afterRestore.run();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An sqlite-jdbc backup command on the writer connection, in autocommit mode: outside it the
   * driver keeps a transaction open between statements, and the backup API refuses to copy
   * from or into a database its own connection holds a transaction on (SQLITE_BUSY).
   */
  private static void run(HikariDataSource writer, String command) {
    try (Connection conn = writer.getConnection()) {
      conn.setAutoCommit(true);
      try (Statement statement = conn.createStatement()) {
        statement.executeUpdate(command);
      } finally {
        conn.setAutoCommit(false);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private static String quoted(Path file) {
    String path = file.toAbsolutePath().toString();
    if (path.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("a database copy's path cannot hold a quote: " + path);
    }
    return "'" + path + "'";
  }
}
