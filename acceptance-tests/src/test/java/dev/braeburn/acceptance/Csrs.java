package dev.braeburn.acceptance;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 requests as fastlane and codemagic make them (provisioning.md §3.1): RSA 2048, SHA-256, subject CN=PEM. */
final class Csrs {
  /** One key for every test that only needs some valid CSR (RSA 2048 keys are slow to make). */
  static final KeyPair SHARED = rsa(2048);

  private Csrs() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An EC key on P-256 (the ECC Apple Pay payment-processing CSR, provisioning.md §7) or another named curve. */
  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static PKCS10CertificationRequest request(KeyPair key) {
    try {
      String algorithm = key.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=PEM"), key.getPublic())
          .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] der(KeyPair key) {
    try {
      return request(key).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PEM text, as fastlane's {@code csr.to_pem}. */
  static String pem(KeyPair key) {
    return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der(key))
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }

  /** A valid CSR's PEM, JSON-escaped for a request body. */
  static String pemJson() {
    return pem(SHARED).replace("\n", "\\n");
  }
}
