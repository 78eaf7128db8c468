package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code braeburn keys create|list|revoke}: what App Store Connect's Integrations page does. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

  /**
   * Creates a key and writes its private half as Apple's download names it: {@code AuthKey_<KEYID>.p8}
   * for an App Store Connect API key, {@code SubscriptionKey_<KEYID>.p8} for an In-App Purchase key.
   */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a team or individual App Store Connect API key, or an In-App Purchase key.")
  static final class Create implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Option(names = "--role", split = ",", defaultValue = "ADMIN",
        description = "Role (team key), or the user's roles, comma-separated (individual key). Default ${DEFAULT-VALUE}.")
    List<String> roles;

    @Option(names = "--individual", description = "An individual key (tokens carry sub \"user\" and no iss).")
    boolean individual;

    @Option(names = "--in-app-purchase", description = "An In-App Purchase key, for the App Store Server API (no role).")
    boolean inAppPurchase;

    @Option(names = "--team", description = "Issuer ID of the team (default: the first team).")
    String team;

    @Option(names = "--name", description = "Key name.")
    String name;

    @Option(names = "--hourly-limit", description = "Requests per rolling hour for this key (0: unlimited; default: the server's).")
    Integer hourlyLimit;

    @Option(names = "--out", description = "Directory for the .p8 file (default: the data directory).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (individual && inAppPurchase) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--individual and --in-app-purchase exclude each other");
      }
      ObjectNode body = AdminConnection.json().createObjectNode()
          .put("type", inAppPurchase ? "IN_APP_PURCHASE" : individual ? "INDIVIDUAL" : "TEAM");
      if (!inAppPurchase) {
        roles.forEach(body.putArray("roles")::add);
      }
      if (team != null) {
        body.put("issuerId", team);
      }
      if (name != null) {
        body.put("name", name);
      }
      if (hourlyLimit != null) {
        body.put("hourlyLimit", hourlyLimit);
      }
      JsonNode key;
      try (AdminConnection admin = server.connect()) {
        key = admin.call("POST", "/_braeburn/keys", body).orFail(201);
      }
      Path file = writeKey(out != null ? out : server.data, key);
      PrintWriter w = spec.commandLine().getOut();
      w.println(inAppPurchase ? "In-App Purchase key created (App Store Server API):"
          : (individual ? "Individual" : "Team") + " key created (" + String.join(", ", roles) + "):");
      if (!individual) {
        w.println("  Issuer ID:   " + key.path("issuerId").asText());
      }
      w.println("  Key ID:      " + key.path("keyId").asText());
      w.println("  Private key: " + file.toAbsolutePath());
      w.flush();
      return 0;
    }

    private static Path writeKey(Path dir, JsonNode key) throws IOException {
      Files.createDirectories(dir);
      Path file = dir.resolve(key.path("fileName").asText("AuthKey_" + key.path("keyId").asText() + ".p8"));
      Files.writeString(file, key.path("privateKey").asText());
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the file keeps the default permissions
      }
      return file;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Option(names = "--team", description = "Only this team's keys (issuer ID).")
    String team;

    @Override
    public Integer call() throws Exception {
      JsonNode keys;
      try (AdminConnection admin = server.connect()) {
        keys = admin.call("GET", "/_braeburn/keys" + (team == null ? "" : "?issuerId=" + team), null).orFail(200);
      }
      PrintWriter w = spec.commandLine().getOut();
      String format = "%-12s %-10s %-28s %-36s %-8s %s%n";
      w.printf(format, "KEY ID", "TYPE", "ROLES", "ISSUER ID", "STATUS", "HOURLY LIMIT");
      for (JsonNode k : keys.path("data")) {
        List<String> roles = new java.util.ArrayList<>();
        k.path("roles").forEach(r -> roles.add(r.asText()));
        w.printf(format, k.path("keyId").asText(), k.path("type").asText(), String.join(",", roles), k.path("issuerId").asText(),
            k.path("revokedAt").isNull() ? "active" : "revoked", k.path("hourlyLimit").isNull() ? "server default" : k.path("hourlyLimit").asText());
      }
      w.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key; its tokens stop working at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "Key ID.")
    String keyId;

    @Override
    public Integer call() throws Exception {
      try (AdminConnection admin = server.connect()) {
        admin.call("DELETE", "/_braeburn/keys/" + keyId, null).orFail(204);
      }
      spec.commandLine().getOut().println("Revoked key " + keyId + ".");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
