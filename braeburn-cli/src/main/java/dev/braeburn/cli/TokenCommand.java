package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.Jws;
import dev.braeburn.client.TokenBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code braeburn token}: prints a valid JWT for a key, for curl users; {@code braeburn token
 * --explain JWT}: every check Braeburn (and App Store Connect) applies to a token, and which failed.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a JWT for a key, or explain why a JWT is refused.")
final class TokenCommand implements Callable<Integer> {
  @Mixin ServerOptions server;
  @Spec CommandSpec spec;

  @Option(names = "--explain", paramLabel = "JWT", description = "Explain this token instead of minting one.")
  String explain;

  @Option(names = "--key", description = "Key ID (default: the only or oldest AuthKey_*.p8 in the data directory).")
  String keyId;

  @Option(names = "--p8", description = "Private key file (default: <data>/AuthKey_<KEYID>.p8).")
  Path p8;

  @Option(names = "--issuer", description = "Issuer ID (default: looked up for the key; omit for individual keys).")
  String issuer;

  @Option(names = "--lifetime", defaultValue = "1200", description = "Seconds until exp: at most 1200, or up to six months with a"
      + " --scope of GET requests on Xcode Cloud or metrics resources (default ${DEFAULT-VALUE}).")
  long lifetime;

  @Option(names = "--scope", description = "Restrict the token to a request, e.g. \"GET /v1/apps\" (repeatable).")
  List<String> scope;

  @Override
  public Integer call() throws Exception {
    return explain != null ? explain() : mint();
  }

  private int mint() throws Exception {
    Path file = keyFile();
    String id = keyId != null ? keyId : ApiKeyFile.keyIdFromFileName(file);
    String iss = issuer;
    if (iss == null) {
      iss = lookUpIssuer(id);
    }
    ApiKeyFile key = ApiKeyFile.fromFile(file, id, iss);
    TokenBuilder builder = key.token().lifetime(Duration.ofSeconds(Math.min(lifetime, TokenBuilder.MAX_LIFETIME.toSeconds())));
    if (scope != null) {
      builder.scope(scope);
    }
    spec.commandLine().getOut().println(lifetime <= TokenBuilder.MAX_LIFETIME.toSeconds() ? builder.build() : longLived(builder, key));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * Apple's six-month exception (protocol.md §1.5) is for scoped GET tokens only; the builder keeps
   * to 20 minutes, so the long expiry is set here and the server decides whether the scope qualifies.
   */
  private String longLived(TokenBuilder builder, ApiKeyFile key) {
    if (lifetime <= 0 || scope == null || scope.isEmpty()) {
      throw new CliException("--lifetime " + lifetime + " is over 1200 s; only tokens with a --scope of GET requests on"
          + " Xcode Cloud or metrics resources may live up to six months");
    }
    java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>(builder.payload());
    payload.put("exp", ((Number) payload.get("iat")).longValue() + lifetime);
    return Jws.sign(builder.header(), payload, key.privateKey(), Jws.SignatureFormat.RAW_R_S);
  }

  private int explain() throws Exception {
    JsonNode report;
    try (AdminConnection admin = server.connect()) {
      report = admin.call("POST", "/_braeburn/tokens/explain",
          AdminConnection.json().createObjectNode().put("token", explain.trim())).orFail(200);
    }
    spec.commandLine().getOut().print(report.path("explanation").asText());
    spec.commandLine().getOut().flush();
    return report.path("accepted").asBoolean() ? 0 : 1;
  }

  private Path keyFile() throws IOException {
    if (p8 != null) {
      return p8;
    }
    if (keyId != null) {
      Path file = server.data.resolve("AuthKey_" + keyId + ".p8");
      if (!Files.exists(file)) {
        throw new CliException("no " + file + "; pass --p8 FILE");
      }
      return file;
    }
    try (Stream<Path> files = Files.list(server.data)) {
      return files.filter(f -> f.getFileName().toString().matches("AuthKey_[A-Za-z0-9]+\\.p8"))
          .min(java.util.Comparator.comparing(TokenCommand::modified))
          .orElseThrow(() -> new CliException("no AuthKey_*.p8 in " + server.data.toAbsolutePath() + "; pass --key or --p8"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException("no data directory " + server.data.toAbsolutePath() + "; run ./braeburn serve first");
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(Long.MAX_VALUE);
    }
  }

  /** The key's issuer ID for a team key; null for an individual key (its tokens have no iss). */
  private String lookUpIssuer(String id) throws Exception {
    try (AdminConnection admin = server.connect()) {
      for (JsonNode k : admin.call("GET", "/_braeburn/keys", null).orFail(200).path("data")) {
        if (k.path("keyId").asText().equals(id)) {
          return "INDIVIDUAL".equals(k.path("type").asText()) ? null : k.path("issuerId").asText();
        }
      }
    }
    throw new CliException("key " + id + " is not known to this server; pass --issuer for a key of another server");
  }
}
