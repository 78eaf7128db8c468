package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.signing.ca.Authority;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.family.signing.ca.Credential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Signs App Store data as Apple does (server-api.md §3.1): a compact JWS whose header is exactly
 * {@code {"alg":"ES256","x5c":[leaf, intermediate, root]}} (standard base64 DER, no {@code typ} or
 * {@code kid}), the payload compact JSON with absent fields omitted, the signature raw R‖S. The
 * chain is Braeburn's App Store data signer → WWDR G6 → the "- G3" root, carrying the OIDs Apple's
 * {@code SignedDataVerifier} checks, so Apple's libraries accept it given Braeburn's root
 * ({@code GET /_braeburn/ca/roots.pem}) with online checks off.
 */
public final class SignedData {
  private final ObjectMapper mapper;

  public SignedData(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The JWS of {@code payload}, signed by {@code authority}'s App Store data signer. */
  public String sign(CertificateAuthority authority, ObjectNode payload) {
    Credential signer = authority.storeDataSigning();
    try {
      StringBuilder header = new StringBuilder("{\"alg\":\"ES256\",\"x5c\":[");
      List<X509Certificate> chain = authority.chain(Authority.STORE_DATA_SIGNING);
      for (int i = 0; i < chain.size(); i++) {
        header.append(i == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(chain.get(i).getEncoded())).append('"');
      }
      header.append("]}");
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String input = url.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
          + url.encodeToString(mapper.writeValueAsBytes(payload));
      // the JDK's P1363 format is JWS's raw R||S (RFC 7518 §3.4), 64 bytes for P-256
      Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
      ecdsa.initSign(signer.privateKey());
      ecdsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + url.encodeToString(ecdsa.sign());
    } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not sign App Store data", e);
    }
  }
}
