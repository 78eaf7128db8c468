package dev.braeburn.server.family.signing.ca;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Braeburn's certificate authority (provisioning.md §3.3–3.4, §4.4): what issues developer
 * certificates, signs profiles and App Store data. One per database, shared by every instance on
 * it and kept across restarts; get it from {@link CertificateAuthorities#get()}.
 *
 * <p>API: {@link #issue} a certificate under one of the {@link Issuer issuing intermediates}; the
 * credentials (certificate and key) and chains of the {@link #profileSigning() profile signer},
 * the {@link #derProfileSigning() DER-profile signer} and the {@link #storeDataSigning() App Store
 * data signer}; the public {@link #rootsPem() roots} and {@link #intermediatesPem() intermediates}.
 */
public final class CertificateAuthority {
  /** The intermediates that issue certificates of the certificate types (provisioning.md §3.4). */
  public enum Issuer {
    /** Apple Development/Distribution, iOS/Mac development and distribution, Mac installer, merchant identity. */
    WWDR_G3(Authority.WWDR_G3),
    /** Pass type IDs, push services and other service certificates. */
    WWDR_G4(Authority.WWDR_G4),
    /** Developer ID Application, Installer and Kext. */
    DEVELOPER_ID_G2(Authority.DEVELOPER_ID_G2);

    private final Authority authority;

    Issuer(Authority authority) {
      this.authority = authority;
    }

    public Authority authority() {
      return authority;
    }
  }

  private final Map<Authority, Credential> credentials;

  CertificateAuthority(Map<Authority, Credential> credentials) {
    this.credentials = Map.copyOf(credentials);
  }

  /** The certificate and key of one authority. */
  public Credential credential(Authority authority) {
    return credentials.get(authority);
  }

  /** An issuing intermediate's certificate and key. */
  public Credential issuer(Issuer issuer) {
    return credential(issuer.authority());
  }

  /**
   * Issues an end-entity certificate under {@code issuer}: a 16-byte random serial, SHA-256 with
   * RSA, extensions BasicConstraints (critical, CA:FALSE) and AuthorityKeyIdentifier, then {@code
   * extensions} in the order given (Apple's order is AIA, policies, EKU, SKI, KeyUsage, markers —
   * §3.3); a SubjectKeyIdentifier is appended when {@code extensions} has none ({@link
   * #subjectKeyIdentifier} makes one to place yourself).
   */
  public X509Certificate issue(Issuer issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter,
      List<Extension> extensions) {
    return issue(issuer, subject, key, CertificateMaker.serial(16), notBefore, notAfter, extensions);
  }

  /** {@link #issue(Issuer, X500Name, PublicKey, Instant, Instant, List)} with a chosen serial. */
  public X509Certificate issue(Issuer issuer, X500Name subject, PublicKey key, BigInteger serial, Instant notBefore,
      Instant notAfter, List<Extension> extensions) {
    Credential signer = issuer(issuer);
    List<Extension> all = new ArrayList<>();
    all.add(CertificateMaker.basicConstraints(false, null));
    all.add(CertificateMaker.authorityKeyIdentifier(signer.certificate().getPublicKey()));
    all.addAll(extensions);
    if (extensions.stream().noneMatch(e -> e.getExtnId().equals(Extension.subjectKeyIdentifier))) {
      all.add(CertificateMaker.subjectKeyIdentifier(key));
    }
    return CertificateMaker.sign(signer, subject, key, serial, notBefore, notAfter, all);
  }

  /** The SubjectKeyIdentifier extension of a key (SHA-1 of the key, RFC 5280 method 1). */
  public static Extension subjectKeyIdentifier(PublicKey key) {
    return CertificateMaker.subjectKeyIdentifier(key);
  }

  /** One of Apple's marker extensions: {@code oid} with the value DER NULL. */
  public static Extension marker(String oid, boolean critical) {
    return CertificateMaker.marker(oid, critical);
  }

  /**
   * Issues a TLS server certificate for {@code names} (DNS names and IP literals) straight under the
   * RSA {@link Authority#ROOT root}, the way local development CAs (mkcert) do: the chain a client
   * checks is this leaf and a root it was told to trust. See {@link TlsServerCredential}.
   */
  public X509Certificate issueTlsServer(PublicKey key, List<String> names, Instant notBefore, Instant notAfter) {
    Credential root = credential(Authority.ROOT);
    List<Extension> extensions = List.of(CertificateMaker.basicConstraints(false, null),
        CertificateMaker.keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
        CertificateMaker.extension(Extension.extendedKeyUsage, false,
            new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth)),
        CertificateMaker.subjectAlternativeNames(names), CertificateMaker.subjectKeyIdentifier(key),
        CertificateMaker.authorityKeyIdentifier(root.certificate().getPublicKey()));
    X500Name subject = new X500Name("CN=" + names.getFirst() + ", OU=Braeburn TLS, O=Braeburn, C=US");
    return CertificateMaker.sign(root, subject, key, CertificateMaker.serial(16), notBefore, notAfter, extensions);
  }

  /** Signs {@code .mobileprovision} CMS documents (RSA); its chain is {@link #chain}{@code (PROFILE_SIGNING)}. */
  public Credential profileSigning() {
    return credential(Authority.PROFILE_SIGNING);
  }

  /** Signs a profile's DER-Encoded-Profile (EC P-256). */
  public Credential derProfileSigning() {
    return credential(Authority.DER_PROFILE_SIGNING);
  }

  /** Signs App Store data (JWS x5c chain: this leaf, the G6 intermediate, the "- G3" root; EC P-256). */
  public Credential storeDataSigning() {
    return credential(Authority.STORE_DATA_SIGNING);
  }

  /** An authority's chain, its own certificate first and the root last. */
  public List<X509Certificate> chain(Authority authority) {
    List<X509Certificate> out = new ArrayList<>();
    Authority at = authority;
    out.add(credential(at).certificate());
    while (at.kind() != Authority.Kind.ROOT) {
      at = at.issuer();
      out.add(credential(at).certificate());
    }
    return out;
  }

  public List<X509Certificate> roots() {
    return of(Authority.Kind.ROOT);
  }

  public List<X509Certificate> intermediates() {
    return of(Authority.Kind.INTERMEDIATE);
  }

  /** Every root, PEM: what clients add to their trust stores. */
  public String rootsPem() {
    return Pem.certificates(roots());
  }

  /** Every intermediate, PEM ({@code openssl verify -untrusted}). */
  public String intermediatesPem() {
    return Pem.certificates(intermediates());
  }

  private List<X509Certificate> of(Authority.Kind kind) {
    return Arrays.stream(Authority.values()).filter(a -> a.kind() == kind).map(a -> credential(a).certificate()).toList();
  }
}
