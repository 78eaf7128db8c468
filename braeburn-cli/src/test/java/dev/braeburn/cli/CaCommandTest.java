package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braeburn ca export}: the same CA from an in-process server and from the running one. */
class CaCommandTest {
  @TempDir Path data;
  @TempDir Path out;

  @Test
  void exportWritesTheRootsAndIntermediatesOfTheDataDirectorysAuthority() throws Exception {
    CliRun offline = CliRun.of("ca", "export", out.resolve("first").toString(), "--data", data.toString());
    assertThat(offline.exit()).as(offline.err()).isZero();
    assertThat(offline.out()).contains("roots.pem", "roots.p12", "intermediates.pem");
    String roots = Files.readString(out.resolve("first/roots.pem"));
    assertThat(certificates(roots)).hasSize(2)
        .allSatisfy(c -> assertThat(c.getSubjectX500Principal().getName()).startsWith("CN=Braeburn Root CA"));
    assertThat(certificates(Files.readString(out.resolve("first/intermediates.pem")))).hasSize(6);
    java.security.KeyStore javaTrust = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(out.resolve("first/roots.p12"))) {
      javaTrust.load(in, null); // no password, as documented
    }
    assertThat(java.util.Collections.list(javaTrust.aliases())).containsExactlyInAnyOrder("braeburn-root-1", "braeburn-root-2");
    assertThat(javaTrust.getCertificate("braeburn-root-1")).isEqualTo(certificates(roots).getFirst());

    try (BraeburnServer server = BraeburnServer.start(Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(data)
        .withQuiet(true), new PrintStream(PrintStream.nullOutputStream()))) {
      CliRun online = CliRun.of("ca", "export", out.resolve("second").toString(), "--data", data.toString());
      assertThat(online.exit()).as(online.err()).isZero();
      assertThat(Files.readString(out.resolve("second/roots.pem"))).isEqualTo(roots);
    }
  }

  @Test
  void helpSaysHowToTrustTheRoots() {
    CliRun help = CliRun.of("ca", "export", "--help");
    assertThat(help.out()).contains("NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "roots.p12", "--cacert");
  }

  private static java.util.List<X509Certificate> certificates(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
        .map(X509Certificate.class::cast).toList();
  }
}
