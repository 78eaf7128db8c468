package dev.braeburn.server.family.signing.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerCredentialTest {
  private static CertificateAuthority ca;
  @TempDir Path data;

  @BeforeAll
  static void make() {
    ca = new CertificateAuthority(AuthorityDocument.read(AuthorityDocument.write(AuthorityMaker.make(Instant.now()))));
  }

  @Test
  void aServerCertificateForLoopbackAndApplesHostsChainsToTheRsaRoot() throws Exception {
    Instant now = Instant.now();
    TlsServerCredential tls = TlsServerCredential.obtain(ca, data, now);
    X509Certificate leaf = tls.chain().getFirst();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
        .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "api.appstoreconnect.apple.com", "api.storekit-sandbox.itunes.apple.com",
            "appleid.apple.com");
    assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())).isLessThanOrEqualTo(Duration.ofDays(398));
    assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.credential(Authority.ROOT).certificate(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(now));
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(tls.chain().subList(0, 1)), parameters);
    assertThat(tls.keyStore("x".toCharArray()).getCertificateChain("braeburn")).hasSize(2);
  }

  @Test
  void keptInTheDataDirectoryAndIssuedAgainNearExpiryOrWhenUnreadable() throws Exception {
    Instant now = Instant.now();
    X509Certificate first = TlsServerCredential.obtain(ca, data, now).chain().getFirst();
    assertThat(Files.readString(data.resolve(TlsServerCredential.FILE))).contains("PRIVATE KEY", "CERTIFICATE");
    assertThat(TlsServerCredential.obtain(ca, data, now.plus(Duration.ofDays(300))).chain().getFirst()).isEqualTo(first);

    X509Certificate renewed = TlsServerCredential.obtain(ca, data, now.plus(Duration.ofDays(380))).chain().getFirst();
    assertThat(renewed).isNotEqualTo(first);

    // another authority (a snapshot's) signs with other keys: the kept certificate no longer verifies and is replaced;
    // this process's authorities share keys (AuthorityMaker.KEYS), so a foreign signature is simulated by a damaged file
    Files.writeString(data.resolve(TlsServerCredential.FILE), "not a certificate");
    X509Certificate replaced = TlsServerCredential.obtain(ca, data, now).chain().getFirst();
    assertThat(replaced).isNotEqualTo(renewed);
    replaced.verify(ca.credential(Authority.ROOT).certificate().getPublicKey());
  }
}
