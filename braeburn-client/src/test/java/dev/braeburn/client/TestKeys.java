package dev.braeburn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Fresh keys and a JDK-only view of minted tokens, so the tests trust nothing under test. */
final class TestKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestKeys() {}

  static KeyPair generate(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  static KeyPair p256() throws Exception {
    return generate("secp256r1");
  }

  /** PKCS#8 PEM, wrapped at 64 columns as in Apple's .p8 files. */
  static String pem(KeyPair pair) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** A compact JWS split into its parts, header and payload parsed. */
  record Token(String signingInput, JsonNode header, JsonNode payload, byte[] signature) {
    static Token parse(String compact) throws Exception {
      String[] parts = compact.split("\\.", -1);
      if (parts.length != 3) {
        throw new AssertionError("not a compact JWS: " + compact);
      }
      Base64.Decoder decoder = Base64.getUrlDecoder();
      return new Token(parts[0] + "." + parts[1], JSON.readTree(decoder.decode(parts[0])),
          JSON.readTree(decoder.decode(parts[1])), decoder.decode(parts[2]));
    }

    boolean verifies(PublicKey key, String jcaAlgorithm) throws Exception {
      Signature verifier = Signature.getInstance(jcaAlgorithm);
      verifier.initVerify(key);
      verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(signature);
    }
  }
}
