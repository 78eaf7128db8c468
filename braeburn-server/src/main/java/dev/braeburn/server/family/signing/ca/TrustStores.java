package dev.braeburn.server.family.signing.ca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Braeburn's roots as a Java trust store: PKCS#12 with no password (no integrity MAC, certificates
 * unencrypted — there is nothing secret in it), so {@code -Djavax.net.ssl.trustStore=roots.p12}
 * works without {@code trustStorePassword}; a password given anyway is not needed to read it.
 * Aliases {@code braeburn-root-1}, {@code braeburn-root-2}… in the order of the PEM bundle.
 */
public final class TrustStores {
  private TrustStores() {}

  /** The trust store of every certificate in {@code pem} (a bundle like {@code roots.pem}). */
  public static KeyStore of(String pem) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates(pem)) {
        store.setCertificateEntry("braeburn-root-" + ++n, certificate);
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store of Braeburn's roots", e);
    }
  }

  /** {@link #of} as the bytes of a {@code .p12} file. */
  public static byte[] pkcs12(String pem) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      of(pem).store(out, null); // null: no password (JDK 18+), so the file needs none to be read
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the PKCS#12 trust store", e);
    }
  }

  private static List<Certificate> certificates(String pem) throws GeneralSecurityException {
    return new ArrayList<>(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }
}
