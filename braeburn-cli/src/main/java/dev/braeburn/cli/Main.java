package dev.braeburn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code braeburn} — the command line: serve, keys, token, seed, snapshot, spec. */
@Command(
    name = "braeburn",
    mixinStandardHelpOptions = true,
    version = "braeburn 0.1.0",
    description = "A self-hosted, stateful implementation of the App Store Connect API.",
    subcommands = {ServeCommand.class, KeysCommand.class, TokenCommand.class, ClockCommand.class, SeedCommand.class, SnapshotCommand.class, SpecCommand.class})
public final class Main {
  /** The command line with Braeburn's error handling: a {@link CliException} is one line on stderr and exit code 1. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof CliException) {
        line.getErr().println("braeburn: " + e.getMessage());
        line.getErr().flush();
        return 1;
      }
      throw e;
    });
    return cli;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
