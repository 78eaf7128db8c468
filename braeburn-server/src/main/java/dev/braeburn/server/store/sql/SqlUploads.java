package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.UploadStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link UploadStore} over the tables of migration {@code upload_parts} (SQLite V4, PostgreSQL V6),
 * on the connection of the caller's transaction. The SQL is portable: {@code INSERT … ON CONFLICT
 * DO UPDATE} exists in both, and the drivers bind {@code byte[]} as BLOB / BYTEA.
 */
final class SqlUploads implements UploadStore {
  private static final String COLUMNS = "token, team_id, purpose, asset_type, asset_id, file_size, part_size, expires_at, committed";

  @Override
  public void create(StoreTx tx, StoredFile f) {
    sql(tx).update(new SqlBuilder().sql("INSERT INTO upload_files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        f.token(), tx.teamId(), f.purpose(), f.assetType(), f.assetId(), f.fileSize(), f.partSize(), f.expiresAt().toEpochMilli(),
        f.committed() ? 1 : 0));
  }

  @Override
  public Optional<StoredFile> byToken(StoreTx tx, String token) {
    return sql(tx).query(new SqlBuilder().sql("SELECT " + COLUMNS + " FROM upload_files WHERE token = ?", token), SqlUploads::file)
        .stream().findFirst();
  }

  @Override
  public Optional<StoredFile> byAsset(StoreTx tx, String purpose, String assetType, String assetId) {
    return sql(tx).query(new SqlBuilder().sql("SELECT " + COLUMNS + " FROM upload_files WHERE team_id = ? AND asset_type = ? AND asset_id = ?"
            + " AND purpose = ? ORDER BY expires_at DESC", tx.teamId(), assetType, assetId, purpose), SqlUploads::file)
        .stream().findFirst();
  }

  @Override
  public void putPart(StoreTx tx, String token, int number, byte[] bytes, String md5) {
    sql(tx).update(new SqlBuilder().sql("INSERT INTO upload_parts (token, part_number, size, md5, bytes) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (token, part_number) DO UPDATE SET size = excluded.size, md5 = excluded.md5, bytes = excluded.bytes",
        token, number, (long) bytes.length, md5, bytes));
  }

  @Override
  public List<Part> parts(StoreTx tx, String token) {
    return sql(tx).query(new SqlBuilder().sql("SELECT part_number, size, md5 FROM upload_parts WHERE token = ? ORDER BY part_number", token),
        rs -> new Part(rs.getInt(1), rs.getLong(2), rs.getString(3)));
  }

  @Override
  public InputStream open(StoreTx tx, String token) {
    return new PartsInputStream(sql(tx), token);
  }

  @Override
  public void markCommitted(StoreTx tx, String token) {
    sql(tx).update(new SqlBuilder().sql("UPDATE upload_files SET committed = 1 WHERE token = ? AND team_id = ?", token, tx.teamId()));
  }

  @Override
  public void deleteParts(StoreTx tx, String token) {
    sql(tx).update(new SqlBuilder().sql("DELETE FROM upload_parts WHERE token = ?", token));
  }

  @Override
  public void deleteAsset(StoreTx tx, String assetType, String assetId) {
    SqlBuilder tokens = new SqlBuilder().sql("SELECT token FROM upload_files WHERE team_id = ? AND asset_type = ? AND asset_id = ?",
        tx.teamId(), assetType, assetId);
    sql(tx).update(new SqlBuilder().sql("DELETE FROM upload_parts WHERE token IN (").append(tokens).sql(")"));
    sql(tx).update(new SqlBuilder().sql("DELETE FROM upload_files WHERE team_id = ? AND asset_type = ? AND asset_id = ?",
        tx.teamId(), assetType, assetId));
  }

  private static SqlStoreTx sql(StoreTx tx) {
    return (SqlStoreTx) tx;
  }

  private static StoredFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
        rs.getLong(7), Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9) != 0);
  }

  /** The parts of a file one after the other, each loaded when the previous one is used up: memory holds one part. */
  private static final class PartsInputStream extends InputStream {
    private final SqlStoreTx tx;
    private final String token;
    private int nextPart = 1;
    private byte[] current = new byte[0];
    private int position;

    PartsInputStream(SqlStoreTx tx, String token) {
      this.tx = tx;
      this.token = token;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      return n;
    }

    private boolean fill() {
      while (position >= current.length) {
        List<byte[]> next = tx.query(new SqlBuilder().sql("SELECT bytes FROM upload_parts WHERE token = ? AND part_number = ?", token, nextPart),
            rs -> rs.getBytes(1));
        if (next.isEmpty()) {
          return false;
        }
        nextPart++;
        current = next.getFirst();
        position = 0;
      }
      return true;
    }
  }
}
