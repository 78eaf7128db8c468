package dev.braeburn.server.family.signing.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Makes a new authority: a key pair and a certificate for every {@link Authority}, issuers first.
 * Done once per database (see {@link CertificateAuthorities}).
 *
 * <p>Validity: from ten years before the moment it is made, so that certificates issued at a
 * virtual time set back into the past still fall inside their issuer's validity; roots for 25
 * years after it, the rest a day less than their issuer. Wall time, not the virtual clock:
 * verifiers (openssl, the JDK, devices) check a chain against the real time.
 */
final class AuthorityMaker {
  private static final Duration BACKDATE = Duration.ofDays(3653);
  private static final Duration ROOT_LIFE = Duration.ofDays(9131);
  /**
   * The key pairs made in this process, one per authority, reused by every later authority it
   * makes. A server makes one authority per database, so this changes nothing for it; a process
   * that starts many servers on fresh data directories (the test suites: every demo-seeded server
   * needs an authority for the seed's certificates) pays the key generation (0.4–2 s, mostly the
   * five RSA keys) once instead of per server. Each database still gets its own certificates.
   */
  private static final Map<Authority, KeyPair> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  private AuthorityMaker() {}

  static Map<Authority, Credential> make(Instant now) {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
    Map<Authority, Credential> made = new EnumMap<>(Authority.class);
    for (Authority authority : Authority.values()) {
      KeyPair keys = KEYS.computeIfAbsent(authority, a -> keyPair(a.key()));
      Credential issuer = authority.kind() == Authority.Kind.ROOT ? null : made.get(authority.issuer());
      Instant notAfter = issuer == null ? now.truncatedTo(ChronoUnit.SECONDS).plus(ROOT_LIFE)
          : issuer.certificate().getNotAfter().toInstant().minus(Duration.ofDays(1));
      PublicKey issuerKey = issuer == null ? keys.getPublic() : issuer.certificate().getPublicKey();
      List<Extension> extensions = extensions(authority, keys.getPublic(), issuerKey);
      var certificate = issuer == null
          ? CertificateMaker.sign(authority.subject(), keys.getPrivate(), issuerKey, authority.subject(), keys.getPublic(),
              CertificateMaker.serial(8), notBefore, notAfter, extensions)
          : CertificateMaker.sign(issuer, authority.subject(), keys.getPublic(), CertificateMaker.serial(8), notBefore, notAfter, extensions);
      made.put(authority, new Credential(certificate, keys.getPrivate()));
    }
    return made;
  }

  /**
   * Roots and intermediates: CA, signing certificates only (an intermediate may sign leaves only,
   * path length 0); leaves: digital signatures. Identifiers on both sides so chains build by key.
   */
  private static List<Extension> extensions(Authority authority, PublicKey key, PublicKey issuerKey) {
    List<Extension> out = new ArrayList<>();
    boolean ca = authority.kind() != Authority.Kind.LEAF;
    out.add(CertificateMaker.basicConstraints(ca, authority.kind() == Authority.Kind.INTERMEDIATE ? 0 : null));
    out.add(CertificateMaker.keyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    out.add(CertificateMaker.subjectKeyIdentifier(key));
    out.add(CertificateMaker.authorityKeyIdentifier(issuerKey));
    if (authority.marker() != null) {
      out.add(CertificateMaker.marker(authority.marker(), false));
    }
    return out;
  }

  private static KeyPair keyPair(Authority.Key key) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(key == Authority.Key.RSA_2048 ? "RSA" : "EC");
      switch (key) {
        case RSA_2048 -> generator.initialize(2048);
        case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
        case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a " + key + " key", e);
    }
  }
}
