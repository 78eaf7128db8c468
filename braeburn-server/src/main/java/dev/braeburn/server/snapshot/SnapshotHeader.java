package dev.braeburn.server.snapshot;

import dev.braeburn.server.clock.ClockSetting;
import java.time.Instant;

/**
 * What a snapshot is before its rows: its format version, when it was taken, of what, (whole
 * server, version 2 on) the virtual clock's setting and (whole server, version 3 on) Braeburn's
 * certificate authority, its stored document — each null when the document has none.
 */
record SnapshotHeader(int version, Instant createdAt, String issuerId, ClockSetting clock, String certificateAuthority) {
  /** {@code server} for the whole server, {@code team} for the one team {@link #issuerId}. */
  String scope() {
    return issuerId == null ? SnapshotFormat.SERVER : SnapshotFormat.TEAM;
  }
}
