package dev.braeburn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braeburn.client.Jws.SignatureFormat;
import dev.braeburn.client.TestKeys.Token;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwsTest {
  @Test
  void derSignatureIsADerSequenceAndVerifiesAsDer() throws Exception {
    KeyPair pair = TestKeys.p256();
    for (int i = 0; i < 20; i++) {
      Token token = Token.parse(Jws.sign(Map.of("alg", "ES256"), Map.of("n", i), pair.getPrivate(), SignatureFormat.DER));

      // a DER SEQUENCE of two INTEGERs: usually 70–72 bytes, fewer when r or s happens to have
      // leading zero bytes (about one signature in 128), so the shape is asserted, not the length
      byte[] der = token.signature();
      assertThat(der[0]).isEqualTo((byte) 0x30);
      assertThat(der[1] & 0xff).isEqualTo(der.length - 2);
      assertThat(der.length).isBetween(8, 72).isNotEqualTo(64);
      assertThat(token.verifies(pair.getPublic(), "SHA256withECDSA")).isTrue();
    }
  }

  @Test
  void rawSignatureIsSixtyFourBytes() throws Exception {
    KeyPair pair = TestKeys.p256();
    Token token = Token.parse(Jws.sign(Map.of("alg", "ES256"), Map.of(), pair.getPrivate(), SignatureFormat.RAW_R_S));

    assertThat(token.signature()).hasSize(64);
    assertThat(token.verifies(pair.getPublic(), "SHA256withECDSAinP1363Format")).isTrue();
  }

  @Test
  void keepsInsertionOrder() throws Exception {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("z", 1);
    payload.put("a", "two");
    payload.put("m", Map.of("nested", true));

    assertThat(Jws.toJson(payload)).isEqualTo("{\"z\":1,\"a\":\"two\",\"m\":{\"nested\":true}}");
  }

  @Test
  void assembleEncodesGarbageVerbatim() {
    String token = Jws.assemble("not json", "{\"a\":1}", new byte[] {(byte) 0xfb, (byte) 0xff});

    assertThat(token).isEqualTo(Jws.base64Url("not json".getBytes()) + ".eyJhIjoxfQ.-_8");
    assertThat(token).doesNotContain("=");
  }

  @Test
  void signsJsonTextAsGiven() throws Exception {
    KeyPair pair = TestKeys.p256();
    String token = Jws.sign("{\"alg\":\"ES256\",\"alg\":\"none\"}", "{}", pair.getPrivate(), SignatureFormat.RAW_R_S);
    Token parsed = Token.parse(token);

    assertThat(token).startsWith(Jws.base64Url("{\"alg\":\"ES256\",\"alg\":\"none\"}".getBytes()) + ".");
    assertThat(parsed.verifies(pair.getPublic(), "SHA256withECDSAinP1363Format")).isTrue();
  }

  @Test
  void nonEcKeyIsRefusedClearly() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

    assertThatThrownBy(() -> Jws.sign(Map.of(), Map.of(), rsa.getPrivate(), SignatureFormat.RAW_R_S))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
  }
}
