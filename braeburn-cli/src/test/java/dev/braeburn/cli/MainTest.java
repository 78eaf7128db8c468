package dev.braeburn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main builds only the subcommand it runs; what the user sees must not change. */
class MainTest {
  @Test
  void aNamedSubcommandIsBuiltAlone() {
    assertEquals(List.of("serve"), List.copyOf(Main.commandLine(new String[] {"serve", "--port", "0"}).getSubcommands().keySet()));
    assertEquals(List.of("keys"), List.copyOf(Main.commandLine(new String[] {"keys", "list"}).getSubcommands().keySet()));
  }

  @Test
  void anythingElseGetsEverySubcommandInOrder() {
    List<String> all = List.of("serve", "keys", "token", "ca", "clock", "faults", "seed", "snapshot", "spec");
    assertEquals(all, List.copyOf(Main.commandLine(new String[0]).getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine(new String[] {"sreve"}).getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine().getSubcommands().keySet()));
  }

  @Test
  void outputIsTheSameEitherWay() {
    for (String[] args : List.of(new String[] {"serve", "--help"}, new String[] {"keys", "create", "--help"},
        new String[] {"serve", "--no-such-option"}, new String[] {"clock", "--help"}, new String[] {"sreve"}, new String[] {"--help"})) {
      assertEquals(run(Main.commandLine(), args), run(Main.commandLine(args), args), String.join(" ", args));
    }
    assertTrue(run(Main.commandLine(new String[] {"--help"}), "--help").contains("snapshot"));
  }

  private static String run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return exit + "\n" + out + "\n--\n" + err;
  }
}
