package dev.braeburn.server.snapshot;

import java.util.List;

/**
 * The snapshot document (docs/snapshots.md describes every field): one JSON object with a header
 * ({@code format}, {@code version}, {@code createdAt}, {@code scope}, {@code issuerId} for a
 * team, {@code clock} and {@code certificateAuthority} for the whole server) and then the sections {@code teams}, {@code keys},
 * {@code resources}, {@code links}, {@code tasks}, in that order, each an array of flat records.
 * Resources are in listing order, tasks in due order.
 *
 * <p>Versioning: {@code version} is a single major number. Anything an older Braeburn could not
 * load faithfully — a new section (virtual clock, webhook outbox …), a new field, a changed meaning
 * — comes with the next number; a Braeburn loads every version up to its own and refuses newer
 * ones by name rather than dropping what it does not know.
 */
public final class SnapshotFormat {
  public static final String FORMAT = "braeburn-snapshot";
  public static final int VERSION = 3;
  public static final String SERVER = "server";
  public static final String TEAM = "team";
  static final List<String> SECTIONS = List.of("teams", "keys", "resources", "links", "tasks");

  /**
   * Version 1 had no scheduled work (and no clock in its header); version 2 added the {@code tasks}
   * section; version 3 the optional {@code certificateAuthority} header field (issue 14), sections unchanged.
   */
  static List<String> sections(int version) {
    return version == 1 ? SECTIONS.subList(0, 4) : SECTIONS;
  }

  private SnapshotFormat() {}
}
