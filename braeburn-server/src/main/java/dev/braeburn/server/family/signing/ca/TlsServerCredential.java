package dev.braeburn.server.family.signing.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificate Braeburn's HTTPS connector serves, issued by its own {@link CertificateAuthority}
 * for {@link #NAMES}: the loopback names and Apple's API hosts, so a client that reaches Braeburn
 * under Apple's name (the proxy mode, docs/https-and-proxy.md) verifies it against Braeburn's root.
 *
 * <p>Issued once per data directory and kept in {@value #FILE} (PKCS#8 key and certificate, PEM);
 * issued again when the file is missing, expires within {@link #RENEW_BEFORE}, names other hosts
 * or was not signed by the current root (the database's authority changed, e.g. a snapshot load).
 * EC P-256 (the cheapest handshake), 397 days: within the 398 days browsers and Apple's platforms
 * accept for a TLS server certificate.
 */
public record TlsServerCredential(Credential credential, List<X509Certificate> chain) {
  /** The host names and addresses the certificate is valid for; clients reach Braeburn by these. */
  public static final List<String> NAMES = List.of("localhost", "127.0.0.1", "::1",
      "api.appstoreconnect.apple.com",
      "api.storekit.apple.com", "api.storekit.itunes.apple.com",
      "api.storekit-sandbox.apple.com", "api.storekit-sandbox.itunes.apple.com",
      "appleid.apple.com");

  /** Kept in the data directory beside the admin token. */
  public static final String FILE = "tls-server.pem";

  static final Duration LIFETIME = Duration.ofDays(397);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  /** Backdated a little so a client whose clock runs behind does not see a certificate from the future. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  /** The credential kept in {@code dataDir}, or a new one issued by {@code ca} (and kept) when that one will not do. */
  public static TlsServerCredential obtain(CertificateAuthority ca, Path dataDir, Instant now) throws IOException {
    Path file = dataDir.resolve(FILE);
    X509Certificate root = ca.credential(Authority.ROOT).certificate();
    if (Files.exists(file)) {
      String pem = Files.readString(file);
      try {
        Credential kept = new Credential(Pem.parseCertificate(pem), Pem.parsePrivateKey(pem, "EC"));
        if (usable(kept.certificate(), root, now)) {
          return new TlsServerCredential(kept, List.of(kept.certificate(), root));
        }
      } catch (RuntimeException unreadable) {
        // issued again below
      }
    }
    Credential issued = issue(ca, now);
    Path partial = dataDir.resolve(FILE + ".tmp");
    Files.writeString(partial, Pem.privateKey(issued.privateKey()) + Pem.certificate(issued.certificate()));
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new TlsServerCredential(issued, List.of(issued.certificate(), root));
  }

  static Credential issue(CertificateAuthority ca, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
      return new Credential(ca.issueTlsServer(keys.getPublic(), NAMES, notBefore, notBefore.plus(LIFETIME)), keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an EC P-256 key for the TLS server certificate", e);
    }
  }

  /** Signed by {@code root}, for exactly {@link #NAMES}, and not expiring within {@link #RENEW_BEFORE} of {@code now}. */
  static boolean usable(X509Certificate leaf, X509Certificate root, Instant now) {
    try {
      leaf.verify(root.getPublicKey());
      return leaf.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE)) && names(leaf).equals(NAMES);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static List<String> names(X509Certificate leaf) throws GeneralSecurityException {
    Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
    List<String> out = new ArrayList<>();
    if (alternatives != null) {
      alternatives.forEach(entry -> out.add(normalised(String.valueOf(entry.get(1)))));
    }
    return out;
  }

  /** The JDK renders {@code ::1} as {@code 0:0:0:0:0:0:0:1}. */
  private static String normalised(String name) {
    return name.equals("0:0:0:0:0:0:0:1") ? "::1" : name;
  }

  /** An in-memory PKCS#12 key store holding the key and chain under alias "braeburn", protected by {@code password}. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("braeburn", credential.privateKey(), password, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS key store", e);
    }
  }
}
