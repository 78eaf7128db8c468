package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Opens a {@code .mobileprovision} the ways clients do: Bouncy Castle verifies the CMS signature
 * and the signer's chain to Braeburn's published roots, {@code openssl cms -verify} does the same
 * where openssl exists, and the plist inside is parsed.
 */
final class MobileProvisions {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  private MobileProvisions() {}

  /** Verifies the CMS (signature and chain to {@code rootsPem}) and returns the signed content. */
  static byte[] verifiedContent(byte[] cms, String rootsPem) throws Exception {
    CMSSignedData signed = new CMSSignedData(cms);
    SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    @SuppressWarnings("unchecked")
    X509CertificateHolder holder = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
    assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))).isTrue();
    List<X509Certificate> chain = new ArrayList<>();
    for (Object o : signed.getCertificates().getMatches(null)) {
      chain.add(converter.getCertificate((X509CertificateHolder) o));
    }
    Set<TrustAnchor> anchors = roots(rootsPem).stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet());
    X509Certificate leaf = converter.getCertificate(holder);
    List<X509Certificate> path = new ArrayList<>(List.of(leaf));
    X509Certificate at = leaf;
    while (true) {
      X509Certificate current = at;
      X509Certificate issuer = chain.stream().filter(c -> c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
          && !c.equals(current)).findFirst().orElse(null);
      if (issuer == null || anchors.stream().anyMatch(a -> a.getTrustedCert().equals(issuer))) {
        break;
      }
      path.add(issuer);
      at = issuer;
    }
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    return (byte[]) signed.getSignedContent().getContent();
  }

  /** {@code openssl cms -verify} against the roots (the chain travels inside the CMS); the content it prints. */
  static byte[] opensslVerified(byte[] cms, String rootsPem) throws Exception {
    if (!Files.isExecutable(OPENSSL)) {
      return null;
    }
    Path dir = Files.createTempDirectory("braeburn-profile");
    Files.write(dir.resolve("p.mobileprovision"), cms);
    Files.writeString(dir.resolve("roots.pem"), rootsPem);
    Process p = new ProcessBuilder(OPENSSL.toString(), "cms", "-verify", "-inform", "DER", "-in", "p.mobileprovision",
        "-CAfile", "roots.pem", "-out", "content.plist").directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("Verification successful");
    return Files.readAllBytes(dir.resolve("content.plist"));
  }

  /** What fastlane_core runs off macOS: {@code openssl smime -inform der -verify -noverify}. */
  static byte[] fastlaneDecoded(byte[] cms) throws Exception {
    if (!Files.isExecutable(OPENSSL)) {
      return null;
    }
    Path dir = Files.createTempDirectory("braeburn-profile");
    Files.write(dir.resolve("p.mobileprovision"), cms);
    Process p = new ProcessBuilder(OPENSSL.toString(), "smime", "-inform", "der", "-verify", "-noverify", "-in", "p.mobileprovision",
        "-out", "content.plist").directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    return Files.readAllBytes(dir.resolve("content.plist"));
  }

  static NSDictionary plist(byte[] xml) throws Exception {
    return (NSDictionary) PropertyListParser.parse(xml);
  }

  static List<X509Certificate> roots(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
        .map(X509Certificate.class::cast).toList();
  }
}
