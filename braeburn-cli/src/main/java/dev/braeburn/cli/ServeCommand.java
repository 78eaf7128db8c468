package dev.braeburn.cli;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code braeburn serve}: runs the server until interrupted (the product contract's names). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the App Store Connect API.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--data", defaultValue = ".braeburn", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--store", defaultValue = "sqlite", description = "sqlite (default) or postgres.")
  String store;

  @Option(names = "--jdbc-url", description = "JDBC URL for --store postgres.")
  String jdbcUrl;

  @Option(names = "--seed", description = "Load a named data set into the first team at start: demo.")
  String seed;

  @Option(names = "--strict-wire", description = "Send no X-Braeburn-Diagnosis header: bytes on the wire are Apple's only.")
  boolean strictWire;

  @Option(names = "--hourly-limit", defaultValue = "3600",
      description = "Requests per key per rolling hour, as Apple's user-hour-lim (default ${DEFAULT-VALUE}; 0: no limit).")
  int hourlyLimit;

  @Option(names = "--no-auth", description = "Serve requests without a token as the first team's Admin key (tokens sent are still checked).")
  boolean noAuth;

  @Option(names = "--journal-size", defaultValue = "1000", description = "Requests kept for GET /_braeburn/requests (default ${DEFAULT-VALUE}).")
  int journalSize;

  @Option(names = "--tls", description = "Also serve https, with a certificate from Braeburn's CA for localhost, 127.0.0.1, ::1"
      + " and Apple's API hosts (trust the root from 'braeburn ca export').")
  boolean tls;

  @Option(names = "--tls-port", defaultValue = "8443", description = "HTTPS port for --tls and --proxy (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int tlsPort;

  @Option(names = "--proxy", description = "Also run an HTTP proxy on 127.0.0.1 that answers CONNECT for Apple's hosts"
      + " (api.appstoreconnect.apple.com, the App Store Server API hosts, appleid.apple.com) with Braeburn itself over https;"
      + " every other host is refused. Implies --tls.")
  boolean proxy;

  @Option(names = "--proxy-port", defaultValue = "8888", description = "Port of --proxy (default ${DEFAULT-VALUE}, where Expo's"
      + " EXPO_APP_STORE_USE_PROXY looks; 0 picks a free one).")
  int proxyPort;

  @Option(names = "--trust-receivers", paramLabel = "FILE.pem", description = "Also trust these certificates (PEM: a local CA such as"
      + " mkcert's rootCA.pem, or a receiver's self-signed certificate) when POSTing webhooks and App Store Server Notifications"
      + " to https receivers; the JDK's default trust still applies.")
  java.nio.file.Path trustReceivers;

  /** The launcher's run that records the startup cache (StartupTraining); not for users, so not in --help. */
  @Option(names = "--startup-training", hidden = true)
  boolean startupTraining;

  @Override
  public Integer call() throws Exception {
    Config config = Config.defaults().withHost(host).withPort(port).withDataDir(data).withStore(store, jdbcUrl)
        .withSeed(seed).withStrictWire(strictWire).withHourlyLimit(hourlyLimit).withAuthRequired(!noAuth)
        .withJournalSize(journalSize).withTlsPort(tls || proxy ? tlsPort : -1).withProxyPort(proxy ? proxyPort : -1)
        .withTrustReceivers(trustReceivers);
    if (startupTraining) {
      StartupTraining.run(config, System.out);
      return 0;
    }
    BraeburnServer server = BraeburnServer.start(config, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e.getMessage());
      }
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
