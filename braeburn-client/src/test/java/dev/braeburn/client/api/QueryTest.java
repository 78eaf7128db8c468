package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTest {
  @Test
  void pathsJoinTheBaseAndAbsoluteUrlsStandAlone() {
    assertThat(Query.url("http://h:1/", "/v1/apps", Map.of())).isEqualTo("http://h:1/v1/apps");
    assertThat(Query.url("http://h:1", "v1/apps", null)).isEqualTo("http://h:1/v1/apps");
    assertThat(Query.url("http://h:1", "https://other/v1/apps?cursor=x", Map.of())).isEqualTo("https://other/v1/apps?cursor=x");
  }

  @Test
  void parametersAreEncodedSoTheUrlParses() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("filter[platform]", "IOS,MAC_OS");
    q.put("limit", "2");
    String url = Query.url("http://h", "/v1/apps", q);
    assertThat(url).isEqualTo("http://h/v1/apps?filter%5Bplatform%5D=IOS%2CMAC_OS&limit=2");
    assertThat(URI.create(url).getQuery()).isEqualTo("filter[platform]=IOS,MAC_OS&limit=2");
    assertThat(Query.url("http://h", "/v1/apps?limit=2", Map.of("sort", "name"))).isEqualTo("http://h/v1/apps?limit=2&sort=name");
  }
}
