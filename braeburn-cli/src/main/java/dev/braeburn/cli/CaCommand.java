package dev.braeburn.cli;

import dev.braeburn.server.family.signing.ca.TrustStores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braeburn ca export [DIR]}: Braeburn's certificate authority, for clients to trust. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Braeburn's certificate authority.",
    subcommands = CaCommand.Export.class)
final class CaCommand {

  /** Writes roots.pem, roots.p12 and intermediates.pem, fetched from the data directory's server (or an in-process one). */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write Braeburn's CA roots (roots.pem, and roots.p12 for Java) and intermediates (intermediates.pem) to DIR.",
          "",
          "Certificates, profiles and the https certificate of 'serve --tls'/'--proxy' chain to these roots, not to Apple's.",
          "To trust them (docs/https-and-proxy.md):",
          "  Node.js:      NODE_EXTRA_CA_CERTS=DIR/roots.pem",
          "  Python:       REQUESTS_CA_BUNDLE=DIR/roots.pem (requests), SSL_CERT_FILE=DIR/roots.pem (ssl, httpx)",
          "  Ruby:         SSL_CERT_FILE=DIR/roots.pem (fastlane)",
          "  curl:         curl --cacert DIR/roots.pem",
          "  OpenSSL:      openssl verify -CAfile DIR/roots.pem -untrusted DIR/intermediates.pem cert.pem",
          "  Java:         -Djavax.net.ssl.trustStore=DIR/roots.p12 -Djavax.net.ssl.trustStoreType=PKCS12 (no password)",
          "The PEM files are served without a token at /_braeburn/ca/roots.pem and /_braeburn/ca/intermediates.pem."})
  static final class Export implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "Directory to write into (default: the current one).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      String roots;
      String intermediates;
      try (AdminConnection admin = server.connect()) {
        roots = admin.text("/_braeburn/ca/roots.pem");
        intermediates = admin.text("/_braeburn/ca/intermediates.pem");
      }
      Files.createDirectories(dir);
      Path rootsFile = Files.writeString(dir.resolve("roots.pem"), roots);
      Path intermediatesFile = Files.writeString(dir.resolve("intermediates.pem"), intermediates);
      Path trustStore = Files.write(dir.resolve("roots.p12"), TrustStores.pkcs12(roots));
      PrintWriter w = spec.commandLine().getOut();
      w.println("Wrote Braeburn's CA:");
      w.println("  Roots:         " + rootsFile.toAbsolutePath());
      w.println("  Java trust:    " + trustStore.toAbsolutePath() + " (PKCS#12, no password)");
      w.println("  Intermediates: " + intermediatesFile.toAbsolutePath());
      w.flush();
      return 0;
    }
  }
}
