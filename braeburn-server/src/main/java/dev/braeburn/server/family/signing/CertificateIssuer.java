package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;

/**
 * Issues a certificate of a type under Braeburn's authority with the layout of provisioning.md §3.3:
 * after the authority's BasicConstraints and AuthorityKeyIdentifier come CertificatePolicies (Apple's
 * policy {@code 1.2.840.113635.100.5.1} with its CPS), ExtendedKeyUsage (critical), the
 * SubjectKeyIdentifier, KeyUsage digitalSignature (critical) and the type's Apple markers (DER NULL).
 *
 * <p>Deviation [INFER]: Apple marks its markers critical; Braeburn's are <b>not critical</b>, because
 * OpenSSL and the JDK's path validator refuse a certificate with a critical extension they do not
 * know, and verifying the chain with them is what clients and tests do. AuthorityInfoAccess is left
 * out: Braeburn serves no CA-issuers or OCSP URL, and Apple's would point at the wrong authority.
 */
final class CertificateIssuer {
  private static final String APPLE_POLICY = "1.2.840.113635.100.5.1";
  private static final String CPS = "https://www.apple.com/certificateauthority/";

  private final CertificateAuthority ca;

  CertificateIssuer(CertificateAuthority ca) {
    this.ca = ca;
  }

  /** §3.3: notAfter = notBefore + the type's years − 1 s. */
  static Instant notAfter(CertificateTypes type, Instant notBefore) {
    return notBefore.atOffset(ZoneOffset.UTC).plusYears(type.validityYears).minusSeconds(1).toInstant();
  }

  X509Certificate issue(CertificateTypes type, X500Name subject, PublicKey key, Instant notBefore) {
    return issue(type, subject, key, notBefore, notAfter(type, notBefore));
  }

  /** {@link #issue(CertificateTypes, X500Name, PublicKey, Instant)} with a chosen notAfter (a seeded certificate's expirationDate). */
  X509Certificate issue(CertificateTypes type, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
    List<Extension> extensions = new ArrayList<>();
    extensions.add(extension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(
        new ASN1ObjectIdentifier(APPLE_POLICY), new DERSequence(new PolicyQualifierInfo(CPS))))));
    extensions.add(extension(Extension.extendedKeyUsage, true,
        new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(type.extendedKeyUsage)))));
    extensions.add(CertificateAuthority.subjectKeyIdentifier(key));
    extensions.add(extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)));
    type.markers.forEach(oid -> extensions.add(CertificateAuthority.marker(oid, false)));
    return ca.issue(type.issuer, subject, key, notBefore, notAfter, extensions);
  }

  private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      return new Extension(oid, critical, value.toASN1Primitive().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + oid, e);
    }
  }
}
