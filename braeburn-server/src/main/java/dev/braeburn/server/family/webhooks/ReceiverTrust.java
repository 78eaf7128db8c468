package dev.braeburn.server.family.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom Braeburn trusts when it POSTs to an https receiver ({@code serve --trust-receivers FILE.pem}):
 * the JDK's default trust anchors — a receiver with a public certificate works as at Apple — plus
 * the certificates of one PEM file, what a developer with a local receiver has at hand: mkcert's
 * {@code rootCA.pem}, a company CA, or the receiver's own self-signed certificate (a trusted
 * certificate is its own anchor). The host name is checked as always: the certificate must name the
 * host of the URL ({@code 127.0.0.1}, {@code localhost}).
 */
public final class ReceiverTrust {
  private ReceiverTrust() {}

  /** An SSLContext trusting the JDK's anchors and {@code pem}'s certificates; refuses a file without any. */
  public static SSLContext withExtra(Path pem) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors(pem));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the trust for receivers: " + e.getMessage(), e);
    }
  }

  /** The JDK's trust anchors, then the file's certificates. */
  static KeyStore anchors(Path pem) throws GeneralSecurityException, IOException {
    List<X509Certificate> extra = read(pem);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int n = 0;
    for (X509Certificate jdk : jdkAnchors()) {
      anchors.setCertificateEntry("jdk-" + n++, jdk);
    }
    for (X509Certificate c : extra) {
      anchors.setCertificateEntry("receiver-" + n++, c);
    }
    return anchors;
  }

  static List<X509Certificate> jdkAnchors() throws GeneralSecurityException {
    TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    List<X509Certificate> out = new ArrayList<>();
    for (TrustManager tm : jdk.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        out.addAll(List.of(x509.getAcceptedIssuers()));
      }
    }
    return out;
  }

  private static List<X509Certificate> read(Path pem) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("--trust-receivers " + pem + ": not a readable PEM file of certificates (" + e.getMessage() + ")", e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("--trust-receivers " + pem + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    return certificates.stream().map(X509Certificate.class::cast).toList();
  }
}
