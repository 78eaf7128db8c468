package dev.braeburn.server.storekit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.docs.GeneratedBlocks;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated endpoint table of docs/server-api.md equal to {@code endpoints.json}, and
 * checks the routing the table promises: each endpoint's own path reaches it, and a literal segment
 * wins over a parameter ({@code /transactions/appTransactions/{id}} is not a transaction id).
 */
class EndpointsDocumentTest {
  private final Endpoints endpoints = Endpoints.load(new ObjectMapper());

  @Test
  void everyEndpointIsReachedByItsOwnPath() {
    for (Endpoint e : endpoints.all()) {
      String path = e.path().replaceAll("\\{[^}]+}", "x1");
      assertThat(endpoints.match(e.method(), path)).as(e.name()).get().extracting(m -> m.endpoint().name()).isEqualTo(e.name());
    }
    assertThat(endpoints.match("GET", "/inApps/v1/transactions/appTransactions/123").orElseThrow().endpoint().name())
        .isEqualTo("getAppTransactionInfo");
    assertThat(endpoints.match("DELETE", "/inApps/v1/transactions/123")).isEmpty();
  }

  @Test
  void theGeneratedTableFollowsEndpointsJson() {
    String updated = GeneratedBlocks.rewrite("server-api.md", Map.of("endpoints", this::table));
    assertThat(updated).contains("| getTransactionInfo | `GET /inApps/v1/transactions/{transactionId}` | 180000 |");
  }

  private String table() {
    StringBuilder out = new StringBuilder("\n| endpoint | request | requests/h |\n|---|---|---:|\n");
    endpoints.all().stream().sorted(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method)).forEach(e ->
        out.append("| ").append(e.name()).append(" | `").append(e.method()).append(' ').append(e.path()).append("` | ")
            .append(e.perSecond() == null ? "not limited" : Integer.toString(e.perSecond() * 3600))
            .append(e.productionOnly() ? " (production only)" : "").append(" |\n"));
    return out.toString();
  }
}
