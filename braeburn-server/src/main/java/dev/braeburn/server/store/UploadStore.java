package dev.braeburn.server.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bytes behind uploads and served images, kept in the database so that every instance sharing
 * it sees them (a client may PUT part 1 to one instance and part 2 to another). Every method works
 * inside a transaction of {@link Store}, so a reservation is created with its resource and a commit
 * is checked and recorded atomically with the resource's new state.
 */
public interface UploadStore {
  /** Parts a client PUTs to an upload URL. */
  String UPLOAD = "UPLOAD";
  /** A picture (an app icon, a screenshot) served under a template URL. */
  String IMAGE = "IMAGE";

  /** One file: its token (the URL credential), owner, the asset it belongs to and how it is cut in parts. */
  record StoredFile(String token, String teamId, String purpose, String assetType, String assetId, long fileSize, long partSize,
      Instant expiresAt, boolean committed) {
    public int partCount() {
      return (int) ((fileSize + partSize - 1) / partSize);
    }

    /** The exact length part {@code number} (1-based) must have: the part size, the remainder for the last. */
    public long partLength(int number) {
      return number < partCount() ? partSize : fileSize - partSize * (partCount() - 1L);
    }
  }

  /** A received part: number, length and MD5 (hex) of its bytes. */
  record Part(int number, long length, String md5) {}

  void create(StoreTx tx, StoredFile file);

  /** The file of a token, whichever team owns it (the transaction's team is ignored): the URL is the credential. */
  Optional<StoredFile> byToken(StoreTx tx, String token);

  /** The transaction's team's file of {@code purpose} for one asset. */
  Optional<StoredFile> byAsset(StoreTx tx, String purpose, String assetType, String assetId);

  /** Stores a part, replacing one sent before (parts may be re-sent until the commit). */
  void putPart(StoreTx tx, String token, int number, byte[] bytes, String md5);

  /** The parts received so far, by number. */
  List<Part> parts(StoreTx tx, String token);

  /** The file's bytes, parts in order, read one part at a time; usable until the transaction ends. */
  InputStream open(StoreTx tx, String token);

  void markCommitted(StoreTx tx, String token);

  /** Drops the bytes of a file that is no longer needed; the file row (and so its token) stays. */
  void deleteParts(StoreTx tx, String token);

  /** Removes the files (and their parts) of one asset of the transaction's team. */
  void deleteAsset(StoreTx tx, String assetType, String assetId);
}
