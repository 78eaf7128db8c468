package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import dev.braeburn.server.family.signing.ca.Authority;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.family.signing.ca.Credential;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
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
      String input = Base64URL.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
          + Base64URL.encode(mapper.writeValueAsBytes(payload));
      Base64URL signature = new ECDSASigner((ECPrivateKey) signer.privateKey())
          .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + signature;
    } catch (CertificateEncodingException | JOSEException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not sign App Store data", e);
    }
  }
}
