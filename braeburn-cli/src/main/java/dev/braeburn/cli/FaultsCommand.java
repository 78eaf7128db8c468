package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code braeburn faults add|list|remove|clear}: the fault rules of {@code /_braeburn/faults}
 * (docs/faults.md). {@code add} builds the rule's JSON from options, so a CI script needs no JSON.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Add, list, remove or clear fault rules.",
    subcommands = {FaultsCommand.Add.class, FaultsCommand.ListRules.class, FaultsCommand.Remove.class, FaultsCommand.Clear.class})
final class FaultsCommand {
  private static final String PATH = "/_braeburn/faults";

  /** "slow  latency 250 ms  GET /v1/apps  2 left": one rule a line. */
  static String line(JsonNode rule) {
    JsonNode fault = rule.path("fault");
    String effect = switch (fault.path("type").asText()) {
      case "latency" -> "latency " + fault.path("ms").asInt() + " ms";
      case "error" -> "error " + fault.path("status").asInt();
      default -> fault.path("type").asText();
    };
    JsonNode match = rule.path("match");
    StringBuilder out = new StringBuilder(rule.path("id").asText()).append("  ").append(effect).append("  ")
        .append(match.path("method").asText("*")).append(' ').append(match.path("path").asText("/**"));
    if (match.has("team")) {
      out.append(" team ").append(match.path("team").asText());
    }
    if (match.has("key")) {
      out.append(" key ").append(match.path("key").asText());
    }
    if (rule.has("probability")) {
      out.append("  p=").append(rule.path("probability").asDouble()).append(rule.has("seed") ? " seed " + rule.path("seed").asLong() : "");
    }
    if (rule.has("window")) {
      out.append("  from ").append(rule.path("window").path("from").asText("-")).append(" until ")
          .append(rule.path("window").path("until").asText("-"));
    }
    out.append("  injected ").append(rule.path("injected").asLong());
    if (rule.has("remaining")) {
      out.append(", ").append(rule.path("remaining").asLong()).append(" left");
    }
    return out.toString();
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a fault rule; prints it.")
  static final class Add implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Option(names = "--id", description = "The rule's id (default: generated).")
    String id;

    @Option(names = "--method", description = "Only requests with this HTTP method.")
    String method;

    @Option(names = "--path", description = "Only paths matching this glob: * within a segment, ** across, e.g. /v1/apps/*/inAppPurchasesV2.")
    String path;

    @Option(names = "--team", description = "Only tokens of this issuer ID.")
    String team;

    @Option(names = "--key", description = "Only tokens of this key ID.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Effect effect;

    static final class Effect {
      @Option(names = "--latency", paramLabel = "MS", description = "Delay the answer by MS milliseconds.") Integer latency;
      @Option(names = "--error", paramLabel = "STATUS", description = "Answer Apple's 401, 429, 500, 502 or 503.") Integer error;
      @Option(names = "--drop", description = "Close the connection without an answer.") boolean drop;
      @Option(names = "--truncate", description = "Send the headers and half the body, then close.") boolean truncate;
    }

    @Option(names = "--probability", description = "Fault this share of matching requests (0 to 1).")
    Double probability;

    @Option(names = "--seed", description = "Make the probability's draws repeatable.")
    Long seed;

    @Option(names = "--count", description = "Inject this many faults, then the rule is spent.")
    Long count;

    @Option(names = "--from", description = "Only from this instant on the virtual clock (ISO 8601).")
    String from;

    @Option(names = "--until", description = "Only before this instant on the virtual clock (ISO 8601).")
    String until;

    @Override
    public Integer call() throws Exception {
      JsonNode added;
      try (AdminConnection admin = server.connect()) {
        added = admin.call("POST", PATH, rule()).orFail(201);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println(line(added));
      w.flush();
      return 0;
    }

    ObjectNode rule() {
      ObjectNode rule = AdminConnection.json().createObjectNode();
      if (id != null) {
        rule.put("id", id);
      }
      ObjectNode match = rule.putObject("match");
      putIfSet(match, "method", method);
      putIfSet(match, "path", path);
      putIfSet(match, "team", team);
      putIfSet(match, "key", key);
      ObjectNode fault = rule.putObject("fault");
      if (effect.latency != null) {
        fault.put("type", "latency").put("ms", effect.latency);
      } else if (effect.error != null) {
        fault.put("type", "error").put("status", effect.error);
      } else {
        fault.put("type", effect.drop ? "drop" : "truncate");
      }
      if (probability != null) {
        rule.put("probability", probability);
      }
      if (seed != null) {
        rule.put("seed", seed);
      }
      if (count != null) {
        rule.put("count", count);
      }
      if (from != null || until != null) {
        ObjectNode window = rule.putObject("window");
        putIfSet(window, "from", from);
        putIfSet(window, "until", until);
      }
      return rule;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
      if (value != null) {
        node.put(field, value);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the fault rules, in the order they apply.")
  static final class ListRules implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      JsonNode rules;
      try (AdminConnection admin = server.connect()) {
        rules = admin.call("GET", PATH, null).orFail(200);
      }
      PrintWriter w = spec.commandLine().getOut();
      rules.path("data").forEach(rule -> w.println(line(rule)));
      w.flush();
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove one fault rule.")
  static final class Remove implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(index = "0", paramLabel = "ID", description = "The rule's id.")
    String id;

    @Override
    public Integer call() throws Exception {
      try (AdminConnection admin = server.connect()) {
        admin.call("DELETE", PATH + "/" + id, null).orFail(204);
      }
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every fault rule.")
  static final class Clear implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Override
    public Integer call() throws Exception {
      try (AdminConnection admin = server.connect()) {
        admin.call("DELETE", PATH, null).orFail(204);
      }
      return 0;
    }
  }
}
