package dev.braeburn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command reaches Braeburn's admin API: data directory, or an explicit server URL. */
final class ServerOptions {
  @Option(names = "--data", defaultValue = ".braeburn", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--url", description = "A running Braeburn's base URL (default: the one serving --data, else an in-process one).")
  String url;

  @Option(names = "--admin-token", description = "Admin token (default: BRAEBURN_ADMIN_TOKEN, else <data>/admin-token).")
  String adminToken;

  AdminConnection connect() throws Exception {
    return AdminConnection.open(data, url, adminToken);
  }
}
