package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks that a certificate chains to the roots a server publishes ({@code /_braeburn/ca/roots.pem}, {@code intermediates.pem}). */
final class CaChains {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  private CaChains() {}

  /** A certificate resource's {@code certificateContent}, parsed. */
  static X509Certificate certificate(JsonNode data) throws Exception {
    byte[] der = Base64.getDecoder().decode(data.at("/attributes/certificateContent").asText());
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  /** The JDK's PKIX validator against the published roots and intermediates, and {@code openssl verify} where it exists. */
  static void verify(TestServer server, X509Certificate leaf) throws Exception {
    String roots = server.get("/_braeburn/ca/roots.pem").body();
    String intermediates = server.get("/_braeburn/ca/intermediates.pem").body();
    Set<TrustAnchor> anchors = parse(roots).stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet());
    X509Certificate issuer = parse(intermediates).stream()
        .filter(i -> i.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())).findFirst().orElseThrow();
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuer)), params);
    if (Files.isExecutable(OPENSSL)) {
      Path dir = Files.createTempDirectory("braeburn-cert");
      Files.writeString(dir.resolve("roots.pem"), roots);
      Files.writeString(dir.resolve("intermediates.pem"), intermediates);
      Files.writeString(dir.resolve("leaf.pem"), "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(leaf.getEncoded()) + "\n-----END CERTIFICATE-----\n");
      Process openssl = new ProcessBuilder(OPENSSL.toString(), "verify", "-CAfile", "roots.pem", "-untrusted", "intermediates.pem", "leaf.pem")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(openssl.getInputStream().readAllBytes());
      assertThat(openssl.waitFor()).as(output).isZero();
      assertThat(output.trim()).isEqualTo("leaf.pem: OK");
    }
  }

  static List<X509Certificate> parse(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
        .map(X509Certificate.class::cast).toList();
  }
}
