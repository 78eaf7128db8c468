package dev.braeburn.server.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  final JsonBodies bodies = new JsonBodies(new ObjectMapper());

  @Test
  void oneDocumentIsRead() {
    assertThat(bodies.read(utf8("{\"a\":[1,2,{\"b\":\"é\"}]}")).at("/a/2/b").asText()).isEqualTo("é");
    assertThat(bodies.read(utf8("  [1]\n")).size()).isEqualTo(1);
    assertThat(bodies.read(utf8("\uFEFF{\"a\":1}")).path("a").asInt()).isEqualTo(1); // UTF-8 byte order mark skipped
  }

  @Test
  void anythingButExactlyOneUtf8DocumentIsEntityInvalid() {
    refused(utf8("{\"a\":1} x"), "Unrecognized token");
    refused(utf8("{\"a\":1} 2"), "Trailing token");
    refused(utf8("{\"a\":1}{\"a\":1}"), "Trailing token");
    refused(utf8("{\"a\":1,\"a\":2}"), "Duplicate field 'a'");
    refused(utf8("{\"a\":{\"b\":1,\"b\":1}}"), "Duplicate field 'b'");
    refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16), "not UTF-8");
    refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), "CTRL-CHAR");
    refused(new byte[] {'"', (byte) 0xC3, 0x28, '"'}, "not UTF-8");
    refused(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, "not UTF-8"); // a lone surrogate encoded
    refused(utf8("   "), "no JSON document");
    refused(utf8("{\"a\":1} // comment"), "");
  }

  @Test
  void depthAndNumberLengthAreBounded() {
    assertThat(bodies.read(utf8("[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH)))).isNotNull();
    refused(utf8("[".repeat(JsonBodies.MAX_DEPTH + 1) + "]".repeat(JsonBodies.MAX_DEPTH + 1)), "nesting depth");
    assertThat(bodies.read(utf8("9".repeat(JsonBodies.MAX_NUMBER_LENGTH))).isIntegralNumber()).isTrue();
    refused(utf8("9".repeat(JsonBodies.MAX_NUMBER_LENGTH + 1)), "Number value length");
  }

  private void refused(byte[] body, String reason) {
    assertThatThrownBy(() -> bodies.read(body)).isInstanceOfSatisfying(ApiException.class, e -> {
      ApiError error = e.errors().getFirst();
      assertThat(error.status()).isEqualTo(400);
      assertThat(error.code()).isEqualTo("ENTITY_INVALID");
      assertThat(error.detail()).startsWith("JSON processing failed").contains(reason).doesNotContain("[Source");
    });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
