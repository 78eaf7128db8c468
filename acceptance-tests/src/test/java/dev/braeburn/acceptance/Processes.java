package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** External programs (node, curl) run from tests: whether one is installed, and a run's output with its success asserted. */
final class Processes {
  private Processes() {}

  /** True when {@code command} runs and exits 0 within 10 s (a {@code --version} check). */
  static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts {@code process}, waits at most {@code timeoutSeconds}, asserts it finished with 0; its output (stderr merged if asked). */
  static String output(ProcessBuilder process, long timeoutSeconds) throws Exception {
    Process started = process.start();
    boolean finished = started.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      started.destroyForcibly();
    }
    String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(finished).as("finished within %d s; output:%n%s", timeoutSeconds, output).isTrue();
    assertThat(started.exitValue()).as(output).isZero();
    return output;
  }
}
