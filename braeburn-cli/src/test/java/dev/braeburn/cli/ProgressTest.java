package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Progress}: a line redrawn in place on a terminal, and nothing at all anywhere else. */
class ProgressTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter err = new StringWriter();

  private Progress progress(boolean terminal, String verb) {
    return new Progress("Loading snapshot…", verb, terminal, err, nanos::get);
  }

  private void later(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void onATerminalTheLineIsRedrawnWithCarriageReturnsAndEndsWithANewline() {
    try (Progress progress = progress(true, "sent").total(40_000_000)) {
      progress.add(4_000_000);
      later(150);
      progress.add(8_400_000);
    }
    assertThat(err.toString())
        .startsWith("\rLoading snapshot… 4.0 MB of 40.0 MB sent (10%)")
        .contains("\rLoading snapshot… 12.4 MB of 40.0 MB sent (31%)")
        .endsWith("\n")
        .doesNotContain("\n\r");
    assertThat(err.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void redrawsAreThrottledSoManySmallWritesDoNotFloodTheTerminal() {
    try (Progress progress = progress(true, "written")) {
      for (int i = 0; i < 1000; i++) {
        progress.add(1);
      }
      assertThat(err.toString().chars().filter(c -> c == '\r').count()).as("only the first draw within 100 ms").isEqualTo(1);
      later(100);
      progress.add(1);
    }
    assertThat(err.toString()).contains("Loading snapshot… 1.0 kB written").endsWith("\n");
  }

  @Test
  void withoutATotalASpinnerTurns() {
    Progress progress = progress(true, "written");
    progress.add(12_400_000);
    later(100);
    progress.add(1);
    String[] draws = err.toString().split("\r");
    assertThat(draws[1]).isEqualTo("| Loading snapshot… 12.4 MB written");
    assertThat(draws[2]).startsWith("/ Loading snapshot… 12.4 MB written");
  }

  @Test
  void withNothingCountedItShowsTheTimeElapsed() throws Exception {
    Progress progress = progress(true, null);
    later(3_000);
    progress.tick();
    assertThat(err.toString()).isEqualTo("\r| Loading snapshot… 3 s");
  }

  @Test
  void whenNotATerminalItPrintsNothingAtAll() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    String answer;
    try (Progress progress = progress(false, "sent").total(100)) {
      try (OutputStream counted = progress.counting(file)) {
        counted.write(new byte[50]);
        counted.write(7);
      }
      later(1_000);
      progress.tick();
      answer = progress.during(() -> "done");
    }
    assertThat(answer).isEqualTo("done");
    assertThat(file.size()).as("the bytes still pass through").isEqualTo(51);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void duringReturnsTheWorksAnswerOnATerminalTooAndEndsTheLine() throws Exception {
    String answer;
    try (Progress progress = progress(true, null)) {
      answer = progress.during(() -> "done");
    }
    assertThat(answer).isEqualTo("done");
    assertThat(err.toString()).contains("Loading snapshot… 0 s").endsWith("\n");
  }

  @Test
  void sizesInDecimalUnits() {
    assertThat(Progress.size(999)).isEqualTo("999 B");
    assertThat(Progress.size(12_400_000)).isEqualTo("12.4 MB");
    assertThat(Progress.size(3_200_000_000L)).isEqualTo("3.2 GB");
  }
}
