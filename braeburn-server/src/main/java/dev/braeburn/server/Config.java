package dev.braeburn.server;

import java.nio.file.Path;

/**
 * Server settings, immutable; each {@code withX} returns a changed copy.
 *
 * <ul>
 *   <li>{@code port} 0 picks a free one; {@code dataDir} holds the SQLite file, keys and admin token.
 *   <li>{@code strictWire}: no {@code X-Braeburn-Diagnosis} header — the wire is exactly Apple's.
 *   <li>{@code adminToken} null: read or generate {@code <data>/admin-token}.
 *   <li>{@code hourlyLimit}: requests per key per rolling hour; Apple's is 3600; 0 switches limits off.
 *   <li>{@code authRequired} false: requests without a token act as the first team's Admin key
 *       (tokens that are sent are still verified) — for quick curl sessions and benchmarks.
 *   <li>{@code journalSize}: how many recent requests {@code GET /_braeburn/requests} keeps.
 *   <li>{@code tlsPort}: an HTTPS connector on this port beside the plain one (0 picks a free one),
 *       serving a certificate from Braeburn's CA; -1 (the default): none.
 *   <li>{@code proxyPort}: the proxy for Apple's hosts on 127.0.0.1 (0 picks a free one); -1 (the
 *       default): none. It tunnels to the HTTPS connector, so it needs {@code tlsPort} too.
 *   <li>{@code trustReceivers}: a PEM file of certificates that https webhook and notification
 *       receivers may chain to, besides the JDK's default trust (a local CA such as mkcert's, or a
 *       self-signed receiver certificate); null (the default): the JDK's trust only.
 * </ul>
 */
public final class Config {
  /** App Store Connect's observed limit: {@code user-hour-lim:3600} (protocol.md §3). */
  public static final int APPLE_HOURLY_LIMIT = 3600;

  private String host = "0.0.0.0";
  private int port = 8080;
  private Path dataDir = Path.of(".braeburn");
  private String store = "sqlite";
  private String jdbcUrl;
  private String seed;
  private boolean strictWire;
  private String adminToken = System.getenv("BRAEBURN_ADMIN_TOKEN");
  private boolean quiet;
  private int hourlyLimit = APPLE_HOURLY_LIMIT;
  private boolean authRequired = true;
  private int journalSize = 1000;
  private int tlsPort = -1;
  private int proxyPort = -1;
  private Path trustReceivers;

  private Config() {}

  public static Config defaults() {
    return new Config();
  }

  private Config copy() {
    Config c = new Config();
    c.host = host;
    c.port = port;
    c.dataDir = dataDir;
    c.store = store;
    c.jdbcUrl = jdbcUrl;
    c.seed = seed;
    c.strictWire = strictWire;
    c.adminToken = adminToken;
    c.quiet = quiet;
    c.hourlyLimit = hourlyLimit;
    c.authRequired = authRequired;
    c.journalSize = journalSize;
    c.tlsPort = tlsPort;
    c.proxyPort = proxyPort;
    c.trustReceivers = trustReceivers;
    return c;
  }

  /** A copy with one setting changed: settings stay immutable for whoever holds a Config. */
  private Config with(java.util.function.Consumer<Config> change) {
    Config c = copy();
    change.accept(c);
    return c;
  }

  public Config withHost(String h) {
    return with(c -> c.host = h);
  }

  public Config withPort(int p) {
    return with(c -> c.port = p);
  }

  public Config withDataDir(Path dir) {
    return with(c -> c.dataDir = dir);
  }

  public Config withStore(String kind, String url) {
    return with(c -> {
      c.store = kind;
      c.jdbcUrl = url;
    });
  }

  public Config withSeed(String name) {
    return with(c -> c.seed = name);
  }

  public Config withStrictWire(boolean strict) {
    return with(c -> c.strictWire = strict);
  }

  public Config withAdminToken(String token) {
    return with(c -> c.adminToken = token);
  }

  public Config withQuiet(boolean q) {
    return with(c -> c.quiet = q);
  }

  public Config withHourlyLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the hourly limit must be 0 (off) or positive, not " + limit);
    }
    return with(c -> c.hourlyLimit = limit);
  }

  public Config withAuthRequired(boolean required) {
    return with(c -> c.authRequired = required);
  }

  public Config withJournalSize(int size) {
    return with(c -> c.journalSize = Math.max(1, size));
  }

  /** HTTPS on {@code port} (0: a free one) beside plain http; -1: none. */
  public Config withTlsPort(int port) {
    return with(c -> c.tlsPort = port);
  }

  /** The proxy for Apple's hosts on 127.0.0.1:{@code port} (0: a free one); -1: none. Needs {@link #withTlsPort}. */
  public Config withProxyPort(int port) {
    return with(c -> c.proxyPort = port);
  }

  /** Receivers over https may also chain to the certificates of this PEM file; null: the JDK's trust only. */
  public Config withTrustReceivers(Path pem) {
    return with(c -> c.trustReceivers = pem);
  }

  public String host() { return host; }

  public int port() { return port; }

  public Path dataDir() { return dataDir; }

  public String store() { return store; }

  public String jdbcUrl() { return jdbcUrl; }

  public String seed() { return seed; }

  public boolean strictWire() { return strictWire; }

  public String adminToken() { return adminToken; }

  public boolean quiet() { return quiet; }

  public int hourlyLimit() { return hourlyLimit; }

  public boolean authRequired() { return authRequired; }

  public int journalSize() { return journalSize; }

  public int tlsPort() { return tlsPort; }

  public boolean tls() { return tlsPort >= 0; }

  public int proxyPort() { return proxyPort; }

  public boolean proxy() { return proxyPort >= 0; }

  public Path trustReceivers() { return trustReceivers; }
}
