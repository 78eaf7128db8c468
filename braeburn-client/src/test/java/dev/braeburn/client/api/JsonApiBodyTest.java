package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonApiBodyTest {
  @Test
  void aCreateBodyWithToOneAndToManyRelationships() {
    var body = JsonApiBody.of("betaGroups", null, JsonApiBody.attributes().put("name", "Friends"),
        Map.of("app", new Ref("apps", "1"), "builds", List.of(new Ref("builds", "b1"), new Ref("builds", "b2"))));
    assertThat(body.at("/data/type").asText()).isEqualTo("betaGroups");
    assertThat(body.at("/data").has("id")).isFalse();
    assertThat(body.at("/data/attributes/name").asText()).isEqualTo("Friends");
    assertThat(body.at("/data/relationships/app/data/id").asText()).isEqualTo("1");
    assertThat(body.at("/data/relationships/builds/data/1/id").asText()).isEqualTo("b2");
  }

  @Test
  void anUpdateBodyCarriesTheIdAndCanClearAToOne() {
    Map<String, Object> rels = new HashMap<>();
    rels.put("build", null);
    var body = JsonApiBody.of("appStoreVersions", "v1", null, rels);
    assertThat(body.toString()).isEqualTo("{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"v1\",\"relationships\":{\"build\":{\"data\":null}}}}");
    assertThatThrownBy(() -> JsonApiBody.of("apps", "1", null, Map.of("x", "not a ref"))).isInstanceOf(IllegalArgumentException.class);
  }
}
