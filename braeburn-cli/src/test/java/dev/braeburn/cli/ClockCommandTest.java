package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braeburn clock}: durations, and freeze/advance persisting in the data directory. */
class ClockCommandTest {
  @TempDir Path data;

  @Test
  void durationsAreWrittenTheWayPeopleSayThem() {
    assertThat(ClockCommand.duration("90d").toString()).isEqualTo("{\"days\":90}");
    assertThat(ClockCommand.duration("1h30m").toString()).isEqualTo("{\"hours\":1,\"minutes\":30}");
    assertThat(ClockCommand.duration("45s").toString()).isEqualTo("{\"seconds\":45}");
    assertThat(ClockCommand.seconds(ClockCommand.duration("1d1h1m1s"))).isEqualTo(90_061);
    for (String bad : new String[] {"", "90", "d", "1w", "-5s", "5s ", "1h x"}) {
      assertThatThrownBy(() -> ClockCommand.duration(bad)).as(bad).isInstanceOf(CliException.class);
    }
  }

  @Test
  void aFrozenAdvancedClockStaysSoAcrossCommands() {
    CliRun frozen = CliRun.of("clock", "freeze", "--data", data.toString());
    assertThat(frozen.exit()).as(frozen.err()).isZero();
    Instant at = Instant.parse(frozen.out().substring(0, frozen.out().indexOf(' ')));

    CliRun advanced = CliRun.of("clock", "advance", "2d", "--data", data.toString());
    assertThat(advanced.exit()).as(advanced.err()).isZero();
    assertThat(advanced.out()).startsWith(at.plus(Duration.ofDays(2)) + " (frozen)");
    assertThat(advanced.err()).as("no progress line when stderr is no terminal").isEmpty();

    assertThat(CliRun.of("clock", "--data", data.toString()).out()).startsWith(at.plus(Duration.ofDays(2)) + " (frozen)");
  }
}
