package dev.braeburn.cli;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code braeburn seed demo}: loads a named data set into the data directory's first team. */
@Command(name = "seed", mixinStandardHelpOptions = true, description = "Load a named data set (demo) into the first team.")
final class SeedCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Data set name: demo.")
  String name;

  @Option(names = "--data", defaultValue = ".braeburn", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(data).withSeed(name).withQuiet(true);
    BraeburnServer started;
    try (Progress progress = Progress.onStderr("Loading data set '" + name + "'…", null)) {
      started = progress.during(() -> BraeburnServer.start(config, System.out));
    }
    try (BraeburnServer server = started) {
      System.out.println("Loaded data set '" + name + "' into " + data.toAbsolutePath());
      if (server.firstStart() != null) {
        System.out.println("  Issuer ID:   " + server.firstStart().issuerId());
        System.out.println("  Key ID:      " + server.firstStart().keyId());
        System.out.println("  Private key: " + server.firstStart().privateKeyFile());
      }
    }
    return 0;
  }
}
