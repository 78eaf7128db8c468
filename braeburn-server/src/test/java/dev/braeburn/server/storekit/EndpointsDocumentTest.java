package dev.braeburn.server.storekit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated endpoint table of docs/server-api.md equal to {@code endpoints.json}, and
 * checks the routing the table promises: each endpoint's own path reaches it, and a literal segment
 * wins over a parameter ({@code /transactions/appTransactions/{id}} is not a transaction id).
 */
class EndpointsDocumentTest {
  private static final Path DOC = Path.of("..", "docs", "server-api.md");
  private static final Pattern BLOCK = Pattern.compile("(<!-- generated:endpoints -->\n)(.*?)(<!-- /generated -->)", Pattern.DOTALL);
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
  void theGeneratedTableFollowsEndpointsJson() throws Exception {
    String doc = Files.readString(DOC);
    Matcher m = BLOCK.matcher(doc);
    assertThat(m.find()).as("docs/server-api.md has the generated:endpoints block").isTrue();
    String updated = doc.substring(0, m.start()) + m.group(1) + table() + m.group(3) + doc.substring(m.end());
    assertThat(updated).contains("| getTransactionInfo | `GET /inApps/v1/transactions/{transactionId}` | 180000 |");
    Files.writeString(DOC, updated);
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
