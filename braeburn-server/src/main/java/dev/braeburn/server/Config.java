package dev.braeburn.server;

import java.nio.file.Path;

/**
 * Server settings: port (0 picks a free one), data directory, store kind, optional seed, whether
 * rejections carry the {@code X-Braeburn-Diagnosis} header, and the admin token (null: read or
 * generate {@code <data>/admin-token}).
 */
public record Config(
    String host, int port, Path dataDir, String store, String jdbcUrl, String seed, boolean strictWire, String adminToken, boolean quiet) {

  public static Config defaults() {
    return new Config("0.0.0.0", 8080, Path.of(".braeburn"), "sqlite", null, null, false, System.getenv("BRAEBURN_ADMIN_TOKEN"), false);
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, dataDir, store, jdbcUrl, seed, strictWire, adminToken, quiet);
  }

  public Config withDataDir(Path dir) {
    return new Config(host, port, dir, store, jdbcUrl, seed, strictWire, adminToken, quiet);
  }

  public Config withSeed(String name) {
    return new Config(host, port, dataDir, store, jdbcUrl, name, strictWire, adminToken, quiet);
  }

  public Config withQuiet(boolean q) {
    return new Config(host, port, dataDir, store, jdbcUrl, seed, strictWire, adminToken, q);
  }

  public Config withHost(String h) {
    return new Config(h, port, dataDir, store, jdbcUrl, seed, strictWire, adminToken, quiet);
  }

  public Config withStrictWire(boolean strict) {
    return new Config(host, port, dataDir, store, jdbcUrl, seed, strict, adminToken, quiet);
  }

  public Config withStore(String kind, String url) {
    return new Config(host, port, dataDir, kind, url, seed, strictWire, adminToken, quiet);
  }
}
