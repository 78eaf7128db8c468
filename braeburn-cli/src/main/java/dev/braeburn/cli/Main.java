package dev.braeburn.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code braeburn} — the command line: serve, keys, token, ca, clock, seed, snapshot, spec. */
@Command(
    name = "braeburn",
    mixinStandardHelpOptions = true,
    version = "braeburn 0.1.0",
    description = "A self-hosted, stateful implementation of the App Store Connect API.")
public final class Main {
  /** The subcommands, in the order {@code braeburn --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, KeysCommand.class, TokenCommand.class, CaCommand.class, ClockCommand.class,
      FaultsCommand.class, SeedCommand.class, SnapshotCommand.class, SpecCommand.class);

  /** The command line with Braeburn's error handling: a {@link CliException} is one line on stderr and exit code 1. */
  static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * The command line for running {@code args}: when they start with a subcommand's name, only that
   * subcommand is built. Picocli builds every command's model up front by reflection, and the ones
   * not run (keys, clock, snapshot with their subcommands) cost about 100 ms of every {@code serve}
   * launch. Anything else ({@code --help}, an unknown or misspelt command) gets them all.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return commandLine(List.of(subcommand));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    CommandLine cli = new CommandLine(new Main());
    subcommands.forEach(cli::addSubcommand);
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
    int code = commandLine(args).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
