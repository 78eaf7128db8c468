package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Assertions on Apple's error documents, shared by the suites that check exact bodies. */
final class AppleErrors {
  private AppleErrors() {}

  /**
   * Asserts {@code status}, {@code Content-Type: application/json} and a document that is exactly
   * {@code {"errors":[one error]}} whose error has exactly {@code members}; returns that error.
   */
  static JsonNode onlyError(TestServer.Reply reply, int status, String... members) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    JsonNode doc = reply.json();
    assertThat(doc.properties()).extracting(Map.Entry::getKey).containsExactly("errors");
    assertThat(doc.get("errors")).hasSize(1);
    JsonNode e = doc.get("errors").get(0);
    assertThat(e.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(members);
    return e;
  }
}
