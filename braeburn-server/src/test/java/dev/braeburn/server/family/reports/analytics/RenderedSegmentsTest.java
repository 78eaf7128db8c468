package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedSegmentsTest {
  private final RenderedSegments rendered = new RenderedSegments();
  private final AtomicInteger made = new AtomicInteger();

  private Optional<byte[]> file(String key, int size) {
    return rendered.get(key, () -> {
      made.incrementAndGet();
      return Optional.of(new byte[size]);
    });
  }

  @Test
  void aFileIsMadeOnceAndThenServedAsKept() {
    byte[] first = file("s1/md5", 1000).orElseThrow();
    assertThat(file("s1/md5", 1000)).containsSame(first);
    assertThat(made).hasValue(1);
  }

  @Test
  void whatCannotBeMadeIsNotKept() {
    assertThat(rendered.get("gone/md5", Optional::empty)).isEmpty();
    assertThat(file("gone/md5", 10)).isPresent();
    assertThat(made).hasValue(1);
  }

  @Test
  void theLeastRecentlyServedGoFirstOnceTheBytesAreSpent() {
    int size = (int) (RenderedSegments.MAX_BYTES / 8);
    for (int i = 0; i < 8; i++) {
      file("s" + i, size);
    }
    file("s0", size); // s0 served again: s1 is now the least recent
    file("s8", size); // over the budget: s1 goes
    made.set(0);
    file("s0", size);
    assertThat(made).hasValue(0);
    file("s1", size);
    assertThat(made).hasValue(1);
  }
}
