package dev.braeburn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code braeburn} — the command line: serve, seed, spec. */
@Command(
    name = "braeburn",
    mixinStandardHelpOptions = true,
    version = "braeburn 0.1.0",
    description = "A self-hosted, stateful implementation of the App Store Connect API.",
    subcommands = {ServeCommand.class, SeedCommand.class, SpecCommand.class})
public final class Main {
  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
