package dev.braeburn.server.family.signing.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 v3 certificates with Bouncy Castle on the JDK's providers: SHA-256 with
 * RSA under an RSA issuer, ECDSA with the digest that matches the issuer's curve (SHA-384 under the
 * P-384 root, as Apple's Root CA - G3 signs). Extensions are written in the order given.
 */
final class CertificateMaker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateMaker() {}

  /** A positive serial of {@code bytes} random bytes (16 on G3-issued certificates, provisioning.md §3.3). */
  static BigInteger serial(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    random[0] = (byte) ((random[0] & 0x7f) | 0x01); // positive and of full length
    return new BigInteger(random);
  }

  /** Signs with {@code issuer}'s key, naming its certificate's subject as issuer. */
  static X509Certificate sign(Credential issuer, X500Name subject, PublicKey key, BigInteger serial, Instant notBefore,
      Instant notAfter, List<Extension> extensions) {
    return sign(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), issuer.privateKey(),
        issuer.certificate().getPublicKey(), subject, key, serial, notBefore, notAfter, extensions);
  }

  /** Signs with {@code signingKey} (a root: its own) as {@code issuerName}. */
  static X509Certificate sign(X500Name issuerName, PrivateKey signingKey, PublicKey issuerKey, X500Name subject, PublicKey key,
      BigInteger serial, Instant notBefore, Instant notAfter, List<Extension> extensions) {
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore), Date.from(notAfter),
          subject, key);
      for (Extension extension : extensions) {
        builder.addExtension(extension);
      }
      var signer = new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate for " + subject, e);
    }
  }

  static String signatureAlgorithm(PublicKey issuerKey) {
    if (issuerKey instanceof ECKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    return "SHA256withRSA";
  }

  static Extension basicConstraints(boolean ca, Integer pathLength) {
    BasicConstraints value = !ca ? new BasicConstraints(false) : pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
    return extension(Extension.basicConstraints, true, value);
  }

  static Extension keyUsage(int usage) {
    return extension(Extension.keyUsage, true, new KeyUsage(usage));
  }

  static Extension subjectKeyIdentifier(PublicKey key) {
    return extension(Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(key));
  }

  static Extension authorityKeyIdentifier(PublicKey issuerKey) {
    return extension(Extension.authorityKeyIdentifier, false, utils().createAuthorityKeyIdentifier(issuerKey));
  }

  /** SubjectAlternativeName: each name an IP address if it is an IPv4/IPv6 literal, else a DNS name. */
  static Extension subjectAlternativeNames(List<String> names) {
    GeneralName[] general = names.stream()
        .map(n -> new GeneralName(n.contains(":") || n.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, n))
        .toArray(GeneralName[]::new);
    return extension(Extension.subjectAlternativeName, false, new GeneralNames(general));
  }

  /** One of Apple's marker extensions: an OID whose value is DER NULL ({@code 05 00}). */
  static Extension marker(String oid, boolean critical) {
    return extension(new ASN1ObjectIdentifier(oid), critical, DERNull.INSTANCE);
  }

  static Extension extension(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return new Extension(oid, critical, value.toASN1Primitive().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode extension " + oid, e);
    }
  }

  private static JcaX509ExtensionUtils utils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 for key identifiers is missing", e);
    }
  }
}
