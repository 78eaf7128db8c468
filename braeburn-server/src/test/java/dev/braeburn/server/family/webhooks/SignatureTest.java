package dev.braeburn.server.family.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {
  @Test
  void matchesApplesTestVector() {
    // reports-webhooks.md §4.4: Apple's documented example
    assertThat(Signature.of("This is my secret", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("hmacsha256=7f062172b01cb00b53ca068614674a3d982a34062a0f5d37687d5e3377e54657");
  }

  @Test
  void dependsOnSecretAndEveryByte() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(Signature.of("s1", body)).isNotEqualTo(Signature.of("s2", body));
    assertThat(Signature.of("s1", body)).isNotEqualTo(Signature.of("s1", "{\"a\":1} ".getBytes(StandardCharsets.UTF_8)));
  }
}
