package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the worked examples of docs/examples as a reader runs them: bash, a few tools, environment variables. */
final class ExampleScripts {
  private ExampleScripts() {}

  record Run(int exit, String out, String err) {}

  /** Whether every tool is an executable on the PATH (the example tests are skipped otherwise). */
  static boolean onPath(List<String> tools) {
    String path = System.getenv("PATH");
    return tools.stream().allMatch(tool -> {
      for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, tool))) {
          return true;
        }
      }
      return false;
    });
  }

  /** {@code bash docs/examples/<script> args…} with {@code env} added, within two minutes. */
  static Run run(String script, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "docs", "examples", script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path out = Files.createTempFile("example", ".out");
    Path err = Files.createTempFile("example", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(script + " finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
