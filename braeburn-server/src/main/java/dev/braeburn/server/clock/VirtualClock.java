package dev.braeburn.server.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Braeburn's server time: runs with the wall clock by default and can be frozen, resumed and
 * advanced (never moved back: what happened stays in the past). Everything that takes time at
 * Apple — build processing, beta review, report instances, webhook retries — is scheduled on it.
 * Token lifetimes and rate limits are <em>not</em>: they follow the wall clock, because a client
 * signs its tokens with real time (protocol.md §1.5) and would be locked out after an advance.
 *
 * <p>The setting lives in the store, which itself needs a clock for its timestamps: the clock
 * starts at wall time and is {@linkplain #attach attached} to the store once it is open; {@link
 * #reload()} picks up a change another instance made.
 */
public final class VirtualClock extends Clock {
  private final Clock wall;
  private Supplier<ClockSetting> load = () -> ClockSetting.WALL;
  private Consumer<ClockSetting> save = s -> {};
  private volatile ClockSetting setting = ClockSetting.WALL;

  public VirtualClock(Clock wall) {
    this.wall = wall;
  }

  /** Reads the setting from, and from now on saves it to, the store. */
  public synchronized void attach(Supplier<ClockSetting> load, Consumer<ClockSetting> save) {
    this.load = load;
    this.save = save;
    this.setting = load.get();
  }

  /** Wall time, which token lifetimes and rate limits follow. */
  public Clock wall() {
    return wall;
  }

  @Override
  public Instant instant() {
    return setting.at(wall.instant());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    VirtualClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }

  public ClockSetting setting() {
    return setting;
  }

  /** Moves server time on by {@code by} (≥ 0) and returns the new time. */
  public synchronized Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    return store(setting.advancedBy(by));
  }

  /** Moves server time on to {@code to} if that is later than now; returns the new time. */
  public synchronized Instant advanceTo(Instant to) {
    Instant now = instant();
    return to.isAfter(now) ? store(setting.advancedBy(Duration.between(now, to))) : now;
  }

  public synchronized Instant freeze() {
    return store(setting.frozenAt(wall.instant()));
  }

  public synchronized Instant resume() {
    return store(setting.resumedAt(wall.instant()));
  }

  /** Drops the cached setting: another instance changed it. */
  public synchronized void reload() {
    setting = load.get();
  }

  private Instant store(ClockSetting next) {
    save.accept(next);
    setting = next;
    return instant();
  }
}
