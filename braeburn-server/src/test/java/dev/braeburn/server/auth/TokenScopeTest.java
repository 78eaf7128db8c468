package dev.braeburn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Apple's scope matching: method + path + the same query, in any order, minus limit/cursor/sort. */
class TokenScopeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TokenScope scope(String... entries) {
    return TokenScope.parse(JSON.valueToTree(entries));
  }

  @Test
  void noClaimMeansUnrestricted() {
    assertThat(TokenScope.parse(null).restricted()).isFalse();
    assertThat(TokenScope.parse(null).matches("DELETE", "/v1/apps/1", null)).isTrue();
  }

  @Test
  void matchesMethodPathAndQueryIgnoringOrderAndPagingParameters() {
    TokenScope s = scope("GET /v1/apps?filter[platform]=IOS&fields[apps]=name");
    assertThat(s.matches("GET", "/v1/apps", "fields%5Bapps%5D=name&filter%5Bplatform%5D=IOS")).isTrue();
    assertThat(s.matches("GET", "/v1/apps", "fields[apps]=name&limit=5&cursor=abc&sort=name&filter[platform]=IOS")).isTrue();
    assertThat(s.matches("GET", "/v1/apps", "filter[platform]=IOS")).isFalse();
    assertThat(s.matches("GET", "/v1/apps", "filter[platform]=MAC_OS&fields[apps]=name")).isFalse();
    assertThat(s.matches("POST", "/v1/apps", "filter[platform]=IOS&fields[apps]=name")).isFalse();
    assertThat(s.matches("GET", "/v1/apps/1", "filter[platform]=IOS&fields[apps]=name")).isFalse();
  }

  @Test
  void anyEntryMayMatchAndATrailingSlashIsTheSamePath() {
    TokenScope s = scope("GET /v1/ciProducts/1234", "GET /v1/builds");
    assertThat(s.matches("GET", "/v1/builds/", null)).isTrue();
    assertThat(s.matches("GET", "/v1/ciProducts/1234", null)).isTrue();
    assertThat(s.matches("GET", "/v1/ciProducts/9999", null)).isFalse();
  }

  @Test
  void anEntryWithoutVersionMatchesEveryVersion() {
    TokenScope s = scope("GET /builds/1/app");
    assertThat(s.matches("GET", "/v1/builds/1/app", null)).isTrue();
    assertThat(scope("GET /v1/builds/1/app").matches("GET", "/v2/builds/1/app", null)).isFalse();
  }

  @Test
  void onlyGetScopesOnLongLivedResourcesQualifyForSixMonths() {
    assertThat(scope("GET /v1/ciProducts", "GET /v1/ciWorkflows/1/buildRuns").allowsLongLifetime()).isTrue();
    assertThat(scope("GET /v1/apps/1/perfPowerMetrics").allowsLongLifetime()).isTrue();
    assertThat(scope("GET /v1/diagnosticSignatures/1/logs").allowsLongLifetime()).isTrue();
    assertThat(scope("GET /v1/ciProducts", "GET /v1/apps").allowsLongLifetime()).isFalse();
    assertThat(scope("POST /v1/ciBuildRuns").allowsLongLifetime()).isFalse();
    assertThat(scope("GET /v1/ciArtifacts/1").allowsLongLifetime()).isFalse(); // not on Apple's list
    assertThat(TokenScope.UNRESTRICTED.allowsLongLifetime()).isFalse();
  }

  @Test
  void malformedScopesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> TokenScope.parse(JSON.valueToTree("GET /v1/apps"))).hasMessageContaining("array");
    assertThatThrownBy(() -> TokenScope.parse(JSON.valueToTree(new String[0]))).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> scope("/v1/apps")).hasMessageContaining("METHOD /path");
    assertThatThrownBy(() -> scope("get /v1/apps")).hasMessageContaining("METHOD /path");
  }
}
