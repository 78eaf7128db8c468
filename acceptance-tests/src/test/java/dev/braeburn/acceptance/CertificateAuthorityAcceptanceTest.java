package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.family.signing.ca.Pem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * Braeburn's certificate authority (issue 14; docs/signing.md): public roots and intermediates, one
 * authority per database kept across restarts and shared by concurrent makers, a certificate issued
 * under it verified by openssl (or the JDK where openssl is absent); every team's team ID.
 */
class CertificateAuthorityAcceptanceTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @Test
  void theRootsArePublicAndSurviveARestart() throws Exception {
    TestServer server = TestServer.start("demo");
    try {
      TestServer.Reply roots = server.send("GET", "/_braeburn/ca/roots.pem", null, null);
      assertThat(roots.status()).isEqualTo(200);
      assertThat(roots.header("content-type")).startsWith("application/x-pem-file");
      assertThat(certificates(roots.body())).hasSize(2).extracting(c -> c.getSubjectX500Principal().getName())
          .containsExactly("CN=Braeburn Root CA,OU=Braeburn Certification Authority,O=Braeburn,C=US",
              "CN=Braeburn Root CA - G3,OU=Braeburn Certification Authority,O=Braeburn,C=US");
      TestServer.Reply intermediates = server.send("GET", "/_braeburn/ca/intermediates.pem", null, null);
      assertThat(intermediates.status()).isEqualTo(200);
      assertThat(certificates(intermediates.body())).extracting(c -> c.getSubjectX500Principal().getName())
          .contains("CN=Braeburn Worldwide Developer Relations Certification Authority,OU=G3,O=Braeburn,C=US",
              "CN=Braeburn Worldwide Developer Relations Certification Authority,OU=G4,O=Braeburn,C=US",
              "CN=Braeburn Developer ID Certification Authority,OU=G2,O=Braeburn,C=US");
      assertThat(server.send("GET", "/_braeburn/ca/other.pem", null, null).status()).isEqualTo(404);
      assertThat(server.send("GET", "/_braeburn/teams", null, null).status()).as("other admin routes keep their token").isEqualTo(401);

      server = server.restart();
      assertThat(server.send("GET", "/_braeburn/ca/roots.pem", null, null).body()).isEqualTo(roots.body());
      assertThat(server.send("GET", "/_braeburn/ca/intermediates.pem", null, null).body()).isEqualTo(intermediates.body());

      CertificateAuthority another = new CertificateAuthorities(server.server.store(), Clock.systemUTC()).get();
      assertThat(another.rootsPem()).as("another holder on the same store reads the stored authority").isEqualTo(roots.body());
      verify(another, issued(another), roots.body(), intermediates.body());
    } finally {
      server.close();
    }
  }

  @Test
  void twoMakersStartingTogetherEndWithOneAuthority() throws Exception {
    try (TestServer server = TestServer.start(null)) {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<String>> makers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        CertificateAuthorities holder = new CertificateAuthorities(server.server.store(), Clock.systemUTC());
        makers.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return holder.get().rootsPem();
        }));
      }
      go.countDown();
      String first = makers.get(0).get(60, TimeUnit.SECONDS);
      assertThat(makers.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(server.send("GET", "/_braeburn/ca/roots.pem", null, null).body()).isEqualTo(first);
    }
  }

  @Test
  void everyTeamHasAStableTeamIdOfTenLettersAndDigits() throws Exception {
    TestServer server = TestServer.start("demo");
    try {
      server.createTeam("Second Team");
      List<String> before = teamIds(server);
      assertThat(before).hasSize(2).allMatch(id -> id.matches("[A-Z0-9]{10}"));
      assertThat(new HashSet<>(before)).hasSize(2);
      assertThat(server.server.store().team(server.issuerId).orElseThrow().teamId()).isEqualTo(before.getFirst());
      server = server.restart();
      assertThat(teamIds(server)).isEqualTo(before);
    } finally {
      server.close();
    }
  }

  private static List<String> teamIds(TestServer server) {
    List<String> ids = new ArrayList<>();
    server.admin("GET", "/_braeburn/teams", null, null).json().path("data").forEach(t -> ids.add(t.path("teamId").asText()));
    return ids;
  }

  /** A development-like certificate under G3 for a fresh RSA-2048 key. */
  private static X509Certificate issued(CertificateAuthority ca) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate leaf = ca.issue(CertificateAuthority.Issuer.WWDR_G3,
        new X500Name("C=US, O=Braeburn Team, OU=9ABCDE1234, CN=Apple Development: Created via API (FYS7475K6J), UID=FYS7475K6J"),
        key.getPublic(), now, now.plus(Duration.ofDays(365)).minusSeconds(1), List.of());
    assertThat(leaf.getPublicKey()).isEqualTo(key.getPublic());
    return leaf;
  }

  /** {@code openssl verify -CAfile roots.pem -untrusted intermediates.pem leaf.pem}, or the JDK's PKIX validator without openssl. */
  private static void verify(CertificateAuthority ca, X509Certificate leaf, String roots, String intermediates) throws Exception {
    if (Files.isExecutable(OPENSSL)) {
      Path dir = Files.createTempDirectory("braeburn-ca");
      Files.writeString(dir.resolve("roots.pem"), roots);
      Files.writeString(dir.resolve("intermediates.pem"), intermediates);
      Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf));
      Process openssl = new ProcessBuilder(OPENSSL.toString(), "verify", "-CAfile", "roots.pem", "-untrusted", "intermediates.pem", "leaf.pem")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(openssl.getInputStream().readAllBytes());
      assertThat(openssl.waitFor()).as(output).isZero();
      assertThat(output.trim()).isEqualTo("leaf.pem: OK");
      return;
    }
    Set<TrustAnchor> anchors = certificates(roots).stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet());
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    List<X509Certificate> path = List.of(leaf, ca.issuer(CertificateAuthority.Issuer.WWDR_G3).certificate());
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
  }

  private static List<X509Certificate> certificates(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
        .map(X509Certificate.class::cast).toList();
  }
}
