package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code braeburn clock [advance 90d|freeze|resume]}: the virtual clock. An advance runs everything
 * that comes due on the way (build processing, reviews, webhook retries) before it returns.
 */
@Command(name = "clock", mixinStandardHelpOptions = true, description = "Show, freeze, resume or advance the virtual clock.",
    subcommands = {ClockCommand.Advance.class, ClockCommand.Freeze.class, ClockCommand.Resume.class})
final class ClockCommand implements Callable<Integer> {
  private static final long DAY_SECONDS = 86_400;
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
  private static final Map<String, String> UNITS = Map.of("d", "days", "h", "hours", "m", "minutes", "s", "seconds");

  @Mixin ServerOptions server;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return run(server, spec, "GET", "/_braeburn/clock", null);
  }

  static int run(ServerOptions server, CommandSpec spec, String method, String path, JsonNode body) throws Exception {
    JsonNode clock;
    try (AdminConnection admin = server.connect()) {
      clock = admin.call(method, path, body).orFail(200);
    }
    return print(spec, clock);
  }

  private static int print(CommandSpec spec, JsonNode clock) {
    PrintWriter w = spec.commandLine().getOut();
    w.println(clock.path("now").asText() + (clock.path("frozen").asBoolean() ? " (frozen)" : " (running)")
        + ", " + clock.path("offsetSeconds").asLong() + " s ahead of the wall clock");
    w.flush();
    return 0;
  }

  /** The length of a {@link #duration} body in seconds. */
  static long seconds(JsonNode duration) {
    return duration.path("days").asLong() * DAY_SECONDS + duration.path("hours").asLong() * 3_600
        + duration.path("minutes").asLong() * 60 + duration.path("seconds").asLong();
  }

  /** "90d", "1h30m", "45s" → {"days":90}, {"hours":1,"minutes":30}, {"seconds":45}. */
  static ObjectNode duration(String text) {
    ObjectNode body = AdminConnection.json().createObjectNode();
    Matcher m = PART.matcher(text);
    int end = 0;
    while (m.find() && m.start() == end) {
      String unit = UNITS.get(m.group(2));
      body.put(unit, body.path(unit).asLong() + Long.parseLong(m.group(1)));
      end = m.end();
    }
    if (end != text.length() || body.isEmpty()) {
      throw new CliException("'" + text + "' is not a duration; write e.g. 90d, 2h, 1h30m or 45s");
    }
    return body;
  }

  @Command(name = "advance", mixinStandardHelpOptions = true, description = "Move the clock forward, running what comes due.")
  static final class Advance implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DURATION", description = "How far: e.g. 90d, 2h, 1h30m, 45s.")
    String by;

    @Override
    public Integer call() throws Exception {
      ObjectNode body = duration(by);
      if (seconds(body) <= DAY_SECONDS) {
        return run(server, spec, "POST", "/_braeburn/clock/advance", body);
      }
      // The admin API advances in one call (everything due on the way runs in order inside it), so
      // the CLI does not split it: it shows the time elapsed while it waits, then prints as before.
      JsonNode clock;
      try (AdminConnection admin = server.connect();
          Progress progress = Progress.onStderr(spec, "Advancing the clock by " + by + "…", null)) {
        clock = progress.during(() -> admin.call("POST", "/_braeburn/clock/advance", body)).orFail(200);
      }
      return print(spec, clock);
    }
  }

  @Command(name = "freeze", mixinStandardHelpOptions = true, description = "Stop the clock (it then moves only when advanced).")
  static final class Freeze implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return run(server, spec, "POST", "/_braeburn/clock/freeze", null);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let the clock run with the wall clock again, from where it stands.")
  static final class Resume implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return run(server, spec, "POST", "/_braeburn/clock/resume", null);
    }
  }
}
