package dev.braeburn.server.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The persisted state of the virtual clock: server time = wall time + {@code offset}, or exactly
 * {@code frozenAt} while frozen. Stored in the database so a restart keeps virtual time (work
 * scheduled on it stays due when it was due) and every instance on a shared database agrees.
 */
public record ClockSetting(Duration offset, Instant frozenAt) {
  public static final ClockSetting WALL = new ClockSetting(Duration.ZERO, null);

  public boolean frozen() {
    return frozenAt != null;
  }

  /** Server time when the wall clock reads {@code wall}. */
  public Instant at(Instant wall) {
    return frozenAt != null ? frozenAt : wall.plus(offset);
  }

  /** The same moment, moved on by {@code by}: a frozen clock stays frozen, a running one keeps running. */
  ClockSetting advancedBy(Duration by) {
    return frozenAt != null ? new ClockSetting(offset, frozenAt.plus(by)) : new ClockSetting(offset.plus(by), null);
  }

  ClockSetting frozenAt(Instant wall) {
    return new ClockSetting(offset, at(wall));
  }

  /** Running again from the frozen moment: no jump. */
  ClockSetting resumedAt(Instant wall) {
    return frozenAt == null ? this : new ClockSetting(Duration.between(wall, frozenAt), null);
  }
}
