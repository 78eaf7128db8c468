package dev.braeburn.server.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.RejectedStateException;
import dev.braeburn.server.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.braeburn.server.clock.VirtualClock;
import java.time.Clock;
import java.util.zip.GZIPInputStream;

/**
 * Saves and loads snapshots: a team's or the whole server's state as one streamed JSON document
 * (the format: {@link SnapshotFormat}, docs/snapshots.md). A save reads from one consistent read
 * transaction; a load replaces state in one write transaction, so a bad document changes nothing.
 * Used by the admin API ({@code /_braeburn/snapshot}) and by the CLI on a stopped server.
 */
public final class Snapshots {
  private static final int BUFFER = 1 << 16;

  private final Store store;
  private final ObjectMapper mapper;
  private final Clock clock;

  public Snapshots(Store store, ObjectMapper mapper, Clock clock) {
    this.store = store;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Writes a snapshot of one team ({@code issuerId}) or, with null, of the whole server to {@code out}, which stays open. */
  public SnapshotSummary save(String issuerId, OutputStream out) throws IOException {
    if (issuerId != null && store.team(issuerId).isEmpty()) {
      throw SnapshotException.unknownTeam(issuerId);
    }
    // teams share the server's one clock and one certificate authority: only a whole-server snapshot carries them
    SnapshotHeader header = new SnapshotHeader(SnapshotFormat.VERSION, clock.instant(), issuerId,
        issuerId == null ? store.clockSetting() : null, issuerId == null ? store.certificateAuthority().orElse(null) : null);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setPrettyPrinter(new SnapshotLayout());
      SnapshotWriter writer = new SnapshotWriter(json);
      writer.begin(header);
      store.exportState(issuerId, writer);
      writer.finish();
      return writer.summary(header);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Saves to {@code file} atomically (gzip when it ends in {@code .gz}): on failure the previous file stays as it was. */
  public SnapshotSummary save(String issuerId, Path file) throws IOException {
    return AtomicFile.write(file, out -> save(issuerId, out));
  }

  /**
   * Loads a snapshot document, plain or gzip-compressed. The document's scope decides what is
   * replaced; {@code expectedTeam} (null: anything) guards against loading another team's, or the
   * whole server's, snapshot by mistake.
   */
  public SnapshotSummary load(InputStream in, String expectedTeam) throws IOException {
    InputStream source;
    try {
      source = decompressed(in);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw SnapshotException.malformed("the snapshot starts like gzip but is not: " + e.getMessage());
    }
    source = utf8(source);
    try (JsonParser json = mapper.getFactory().createParser(source)) {
      SnapshotReader reader = new SnapshotReader(json, mapper);
      SnapshotHeader header = reader.header();
      if (expectedTeam != null && !expectedTeam.equals(header.issuerId())) {
        throw SnapshotException.invalid("/issuerId", header.issuerId() == null
            ? "this is a snapshot of the whole server, not of team " + expectedTeam + "; loading it replaces every team"
            : "this is a snapshot of team " + header.issuerId() + ", not of team " + expectedTeam);
      }
      replace(header, reader::rows);
      return reader.summary(header);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The whole server's state, for an in-process caller (the JUnit extension) that puts the same
   * state back many times with {@link #restore}: a copy of the database where the store makes one
   * (SQLite), else the rows {@link #save} would write for the whole server, read in one transaction
   * into memory. Take it while nothing writes: the copy and the rows counted for the summary are
   * read one after the other. Close it when done.
   */
  public CapturedState capture() {
    return capture(true);
  }

  /**
   * {@link #capture()} as rows in memory even where the store could copy its database: what
   * PostgreSQL gets, on SQLite for comparing the two (braeburn-junit's ResetTimingTest).
   */
  public CapturedState captureRows() {
    return capture(false);
  }

  private CapturedState capture(boolean copyIfTheStoreCan) {
    SnapshotHeader header = new SnapshotHeader(SnapshotFormat.VERSION, clock.instant(), null, store.clockSetting(),
        store.certificateAuthority().orElse(null));
    CapturedState.Collector rows = new CapturedState.Collector();
    store.exportState(null, rows);
    return rows.capture(header, copyIfTheStoreCan ? store.copyDatabase().orElse(null) : null);
  }

  /**
   * Puts back a {@link #capture captured} state. From rows: exactly as loading its snapshot
   * document would (same transaction, same clock reload, same cache invalidation), without the
   * document. From a database copy: the whole database at once, fault rules and uploads included
   * (a snapshot leaves those alone), then the same clock reload and cache invalidation, fault rules'
   * too. Either way what lives only in memory stays: rate-limit counts, the request journal.
   */
  public SnapshotSummary restore(CapturedState state) {
    if (state.copy() == null) {
      replace(state.header(), state::replay);
    } else {
      state.copy().restore();
      reloadClock(); // its setting came back with the copy
    }
    return state.summary();
  }

  /** Replaces state in one write transaction, then the clock setting; the store tells its caches (key directory) itself. */
  private void replace(SnapshotHeader header, java.util.function.Consumer<dev.braeburn.server.store.StateSink> rows) {
    try {
      store.importState(header.issuerId(), header.certificateAuthority(), rows);
    } catch (RejectedStateException e) {
      throw SnapshotException.invalid(e.pointer(), e.getMessage());
    }
    if (header.clock() != null) {
      // A restore may move server time back to the snapshot's: the state and its due work belong to that time.
      store.saveClockSetting(header.clock());
      reloadClock();
    }
  }

  private void reloadClock() {
    if (clock instanceof VirtualClock virtual) {
      virtual.reload();
    }
  }

  public SnapshotSummary load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, null);
    }
  }

  /** Gzip is recognised by its magic bytes, so a .json.gz loads whatever it is called. */
  /**
   * Refuses a document in UTF-16 or UTF-32, which Jackson would otherwise detect and read: a
   * snapshot is UTF-8 JSON, like every body Braeburn takes (docs/snapshots.md, docs/reliability.md).
   * The signs are a UTF-16 byte-order mark or a zero byte among the first four (JSON's first
   * characters are ASCII). Invalid UTF-8 further on fails in the UTF-8 parser.
   */
  private static InputStream utf8(InputStream in) throws IOException {
    BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER);
    buffered.mark(4);
    byte[] start = buffered.readNBytes(4);
    buffered.reset();
    boolean bom16 = start.length >= 2 && ((start[0] == (byte) 0xfe && start[1] == (byte) 0xff) || (start[0] == (byte) 0xff && start[1] == (byte) 0xfe));
    boolean zero = false;
    for (byte b : start) {
      zero |= b == 0;
    }
    if (bom16 || zero) {
      throw SnapshotException.malformed("a snapshot is UTF-8 JSON; this one is in another encoding (UTF-16 or UTF-32)");
    }
    return buffered;
  }

  private static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, BUFFER) : buffered;
  }
}
