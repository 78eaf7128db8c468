package dev.braeburn.server.family.signing.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
  private static CertificateAuthority ca;

  @BeforeAll
  static void make() {
    ca = new CertificateAuthority(AuthorityDocument.read(AuthorityDocument.write(AuthorityMaker.make(Instant.now()))));
  }

  @Test
  void everyChainValidatesWithTheJdkAgainstTheRoots() throws Exception {
    for (Authority authority : Authority.values()) {
      validate(ca.chain(authority));
    }
  }

  @Test
  void anIssuedCertificateChainsToTheRootThroughItsIntermediate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair subjectKey = generator.generateKeyPair();
    Instant now = Instant.now();
    Extension eku = CertificateMaker.extension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    for (CertificateAuthority.Issuer issuer : CertificateAuthority.Issuer.values()) {
      X509Certificate leaf = ca.issue(issuer, new X500Name("CN=Apple Development: Test (ABCDE12345), OU=9ABCDE1234, O=Test, C=US"),
          subjectKey.getPublic(), now, now.plus(Duration.ofDays(365)).minusSeconds(1), List.of(eku,
              CertificateMaker.keyUsage(KeyUsage.digitalSignature)));
      List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
      chain.addAll(ca.chain(issuer.authority()));
      validate(chain);
      assertThat(leaf.getPublicKey()).isEqualTo(subjectKey.getPublic());
      assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
      assertThat(leaf.getSerialNumber().bitLength()).isBetween(121, 128);
      assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
      assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.issuer(issuer).certificate().getSubjectX500Principal());
      assertThat(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    }
  }

  @Test
  void rootsAndIntermediatesCarryCaExtensionsAndApplesLayoutUnderBraeburnsName() {
    X509Certificate root = ca.credential(Authority.ROOT).certificate();
    assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Braeburn Root CA,OU=Braeburn Certification Authority,O=Braeburn,C=US");
    assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(root.getKeyUsage()[5]).isTrue(); // keyCertSign
    assertThat(root.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    X509Certificate g3 = ca.issuer(CertificateAuthority.Issuer.WWDR_G3).certificate();
    assertThat(g3.getSubjectX500Principal().getName())
        .isEqualTo("CN=Braeburn Worldwide Developer Relations Certification Authority,OU=G3,O=Braeburn,C=US");
    assertThat(g3.getBasicConstraints()).isZero();
    assertThat(g3.getExtensionValue("1.2.840.113635.100.6.2.1")).isNotNull();
    assertThat(ca.issuer(CertificateAuthority.Issuer.DEVELOPER_ID_G2).certificate().getExtensionValue("1.2.840.113635.100.6.2.6")).isNotNull();
    X509Certificate ecRoot = ca.credential(Authority.ROOT_G3).certificate();
    assertThat(ecRoot.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(ecRoot.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(ca.storeDataSigning().certificate().getExtensionValue("1.2.840.113635.100.6.11.1")).isNotNull();
    assertThat(ca.profileSigning().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Braeburn iPhone OS Provisioning Profile Signing,O=Braeburn,C=US");
    assertThat(ca.chain(Authority.PROFILE_SIGNING)).hasSize(3); // Apple's verifier wants leaf, intermediate, root (§4.4)
    assertThat(ca.profileSigning().certificate().getKeyUsage()[0]).isTrue(); // digitalSignature
    for (Authority authority : Authority.values()) {
      assertThat(authority.subject().toString()).doesNotContain("Apple");
    }
  }

  @Test
  void theRootsAndIntermediatesPemHoldTheRightCertificates() throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    var roots = factory.generateCertificates(new java.io.ByteArrayInputStream(ca.rootsPem().getBytes()));
    var intermediates = factory.generateCertificates(new java.io.ByteArrayInputStream(ca.intermediatesPem().getBytes()));
    assertThat(roots).hasSize(2);
    assertThat(intermediates).hasSize(6);
    assertThat(intermediates).noneMatch(roots::contains);
  }

  @Test
  void theStoredDocumentKeepsEveryKeyAndCertificate() {
    var made = AuthorityMaker.make(Instant.now());
    var read = AuthorityDocument.read(AuthorityDocument.write(made));
    for (Authority authority : Authority.values()) {
      assertThat(read.get(authority).certificate()).isEqualTo(made.get(authority).certificate());
      assertThat(read.get(authority).privateKey().getEncoded()).isEqualTo(made.get(authority).privateKey().getEncoded());
    }
  }

  private static void validate(List<X509Certificate> chainLeafFirst) throws Exception {
    List<X509Certificate> path = chainLeafFirst.subList(0, chainLeafFirst.size() - 1);
    Set<TrustAnchor> anchors = ca.roots().stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet());
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
  }
}
