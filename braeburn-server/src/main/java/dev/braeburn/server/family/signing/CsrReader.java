package dev.braeburn.server.family.signing;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Reads {@code csrContent} (provisioning.md §3.1): the PEM text (fastlane, codemagic, scripts), the
 * base64 of the PEM, or the base64 of the DER — all three are sent. The request must be a PKCS#10
 * version-0 request whose signature verifies, for the type's key: RSA 2048 (§3.1: the only keys
 * known to work [INFER]), EC P-256 for the ECC Apple Pay payment-processing type (§7 [INFER]). Apple ignores the CSR's subject (§3.1), so only the key is returned.
 */
final class CsrReader {
  private static final String POINTER = "/data/attributes/csrContent";
  private static final int RSA_BITS = 2048;
  private static final ECParameterSpec P256 = p256();

  private CsrReader() {}

  static PublicKey publicKey(String csrContent, CertificateTypes.Key wanted) {
    PKCS10CertificationRequest csr = parse(csrContent);
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
      if (csr.toASN1Structure().getCertificationRequestInfo().getVersion().intValueExact() != 0) {
        throw refused("its version is not 0 (v1); Apple refused a version-1 request (provisioning.md §3.1)");
      }
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
        throw refused("its signature does not verify with the public key it carries; sign it with that key's private key");
      }
      PublicKey key = jca.getPublicKey();
      if (kind(key) != wanted) {
        throw refused("its key is " + describe(key) + "; Apple issues this type's certificates for " + wanted.label
            + " keys (provisioning.md §3.1, §7: RSA 2048 for all but the ECC Apple Pay payment-processing type APPLE_PAY, "
            + "which takes EC P-256 [inferred])");
      }
      return key;
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) {
      throw refused("its key or signature cannot be read (" + e.getMessage() + ")");
    }
  }

  /** The key kind, or null for any other key. */
  private static CertificateTypes.Key kind(PublicKey key) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == RSA_BITS) {
      return CertificateTypes.Key.RSA_2048;
    }
    if (key instanceof ECPublicKey ec && ec.getParams().getOrder().equals(P256.getOrder())
        && ec.getParams().getCurve().equals(P256.getCurve())) {
      return CertificateTypes.Key.EC_P256;
    }
    return null;
  }

  private static String describe(PublicKey key) {
    return switch (key) {
      case RSAPublicKey r -> "RSA " + r.getModulus().bitLength();
      case ECPublicKey e -> "EC " + e.getParams().getCurve().getField().getFieldSize() + "-bit" + (kind(e) == null ? "" : " P-256");
      default -> key.getAlgorithm();
    };
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (Exception e) {
      throw new IllegalStateException("no P-256 in this JDK", e);
    }
  }

  private static PKCS10CertificationRequest parse(String content) {
    try {
      byte[] der = der(content.strip());
      return new PKCS10CertificationRequest(der);
    } catch (Exception e) {
      throw refused("it is neither PEM nor base64 of a PEM or DER PKCS#10 certificate signing request");
    }
  }

  /** PEM text, base64 of PEM, or base64 of DER → DER. */
  private static byte[] der(String content) {
    if (content.startsWith("-----BEGIN")) {
      return pemBody(content);
    }
    byte[] decoded = Base64.getMimeDecoder().decode(content);
    String asText = new String(decoded, StandardCharsets.US_ASCII).strip();
    return asText.startsWith("-----BEGIN") ? pemBody(asText) : decoded;
  }

  private static byte[] pemBody(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END)[^-]*-----", "");
    return Base64.getMimeDecoder().decode(body);
  }

  /**
   * No body for a bad CSR is recorded (§3.1): 409 ENTITY_ERROR.ATTRIBUTE.INVALID at the
   * attribute, worded like Apple's other invalid-value 409s [INFER].
   */
  private static ApiException refused(String why) {
    return new ApiException(List.of(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", SigningErrors.INVALID_TITLE,
            "An invalid value was provided for the parameter 'csrContent'.").pointer(POINTER)),
        "The certificate signing request in csrContent cannot be used: " + why + ". Send the CSR as its PEM text, the base64 of the "
            + "PEM, or the base64 of its DER: an RSA 2048 key (EC P-256 for APPLE_PAY), SHA-256 signature "
            + "(openssl req -new -newkey rsa:2048 -nodes -subj /CN=PEM). "
            + "Apple's body for a bad CSR is unrecorded; this 409 at /data/attributes/csrContent is inferred (provisioning.md §3.1).");
  }
}
