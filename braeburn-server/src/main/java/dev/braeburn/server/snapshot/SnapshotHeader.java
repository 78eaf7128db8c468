package dev.braeburn.server.snapshot;

import java.time.Instant;

/** What a snapshot is before its rows: its format version, when it was taken, and of what. */
record SnapshotHeader(int version, Instant createdAt, String issuerId) {
  /** {@code server} for the whole server, {@code team} for the one team {@link #issuerId}. */
  String scope() {
    return issuerId == null ? SnapshotFormat.SERVER : SnapshotFormat.TEAM;
  }
}
