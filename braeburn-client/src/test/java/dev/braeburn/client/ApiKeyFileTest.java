package dev.braeburn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {
  static KeyPair pair;
  static String pem;

  @TempDir Path dir;

  @BeforeAll
  static void key() throws Exception {
    pair = TestKeys.p256();
    pem = TestKeys.pem(pair);
  }

  @Test
  void readsPkcs8Pem() {
    ApiKeyFile key = ApiKeyFile.fromPem("ABCDE12345", "issuer", pem);

    assertThat(key.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(key.isIndividual()).isFalse();
    assertThat(key.toString()).doesNotContain(pem.substring(30, 60));
  }

  @Test
  void fromFileTakesKeyIdFromAppleFileName() throws Exception {
    Path p8 = Files.writeString(dir.resolve("AuthKey_ABCDE12345.p8"), pem);

    ApiKeyFile key = ApiKeyFile.fromFile(p8, null);

    assertThat(key.keyId()).isEqualTo("ABCDE12345");
    assertThat(key.isIndividual()).isTrue();
    assertThat(ApiKeyFile.fromFile(p8, "OTHER", "issuer").keyId()).isEqualTo("OTHER");
  }

  @Test
  void fromFileWithoutKeyIdInNameFailsClearly() throws Exception {
    Path p8 = Files.writeString(dir.resolve("key.p8"), pem);

    assertThatThrownBy(() -> ApiKeyFile.fromFile(p8, "issuer"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AuthKey_<KEYID>.p8");
  }

  @Test
  void badPemsFailWithClearMessages() {
    assertBad("", "empty");
    assertBad("-----BEGIN PRIVATE KEY-----\nMIGH", "no matching END");
    assertBad("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----", "not valid Base64");
    assertBad("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "no PKCS#8 EC private key");
    assertBad("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", "openssl pkcs8 -topk8");
    assertBad("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "CERTIFICATE");
  }

  @Test
  void keysOffP256AreRefused() throws Exception {
    String p384 = TestKeys.pem(TestKeys.generate("secp384r1"));

    assertBad(p384, "P-256");
  }

  @Test
  void bareBase64IsAccepted() {
    String bare = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());

    assertThat(ApiKeyFile.readPrivateKey(bare).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void blankIdsAreRefused() {
    assertThatThrownBy(() -> ApiKeyFile.fromPem(" ", null, pem)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKeyFile.fromPem("K", "", pem)).hasMessageContaining("pass null");
  }

  private static void assertBad(String badPem, String message) {
    assertThatThrownBy(() -> ApiKeyFile.fromPem("ABCDE12345", null, badPem))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
