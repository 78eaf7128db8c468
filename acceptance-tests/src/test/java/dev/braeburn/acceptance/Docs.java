package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading JSON:API documents in assertions, shared by the suites. */
final class Docs {
  private Docs() {}

  /** The first resource of {@code type} in an {@code included} array. */
  static JsonNode find(JsonNode included, String type) {
    for (JsonNode r : included) {
      if (r.path("type").asText().equals(type)) {
        return r;
      }
    }
    throw new AssertionError("no " + type + " in " + included);
  }

  /** The ids of a 200 answer's {@code data} array, in order. */
  static List<String> ids(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("data").forEach(d -> out.add(d.path("id").asText()));
    return out;
  }
}
