package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.client.api.AppStoreConnectClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A class of 40 short tests, each one request: prints the overhead the class pays after its first
 * test (the gaps between one test's end and the next one's start: JUnit's bookkeeping, the reset,
 * the field filled) and the resets' part of it (the first test's reset included). Not a timed
 * assertion: the figures go to docs/benchmarks.md.
 */
class ClassOverheadTest {
  static final int TESTS = 40;
  static final List<Long> gaps = new ArrayList<>();
  static long lastEnd;

  @Braeburn static BraeburnInstance braeburn;
  @Braeburn AppStoreConnectClient client;

  @BeforeEach
  void start() {
    if (lastEnd != 0) {
      gaps.add(System.nanoTime() - lastEnd);
    }
  }

  @RepeatedTest(TESTS)
  void oneRequest() {
    assertThat(client.get("/v1/apps/1600000001").data()).isNotNull();
  }

  @AfterEach
  void end() {
    lastEnd = System.nanoTime();
  }

  @AfterAll
  static void print() {
    long total = gaps.stream().mapToLong(Long::longValue).sum();
    List<Long> sorted = gaps.stream().sorted().toList();
    System.out.printf("a class of %d tests: between tests after the first %.0f ms in all (median %.1f ms a test), of which resets %d ms%n",
        TESTS, total / 1e6, sorted.get(sorted.size() / 2) / 1e6, braeburn.running().resetTime().toMillis());
  }
}
