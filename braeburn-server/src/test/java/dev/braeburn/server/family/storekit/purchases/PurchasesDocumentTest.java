package dev.braeburn.server.family.storekit.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.docs.GeneratedBlocks;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/purchases.md's tables of renewal rates and simulator events equal to the files the
 * purchase side reads ({@code renewal-rates.json}, {@code subscription-events.json}) and to the
 * statuses {@link SubscriptionAdmin} lets each event apply in.
 */
class PurchasesDocumentTest {
  @Test
  void theRatesAndEventsTablesFollowTheirFiles() {
    String updated = GeneratedBlocks.rewrite("purchases.md", Map.of("renewalRates", PurchasesDocumentTest::rates,
        "subscriptionEvents", PurchasesDocumentTest::events));
    assertThat(updated).contains("| 1 month | 1 month | 5 min |").contains("| `RENEW` | 1 | `DID_RENEW` | 1 |");
  }

  private static String rates() {
    StringBuilder out = new StringBuilder("\n| Period | Production | Sandbox |\n|---|---|---|\n");
    PurchaseContext.table("renewal-rates.json").path("periods").properties().forEach(e -> {
      JsonNode rate = e.getValue();
      int seconds = rate.path("sandboxSeconds").asInt();
      out.append("| ").append(period(e.getKey())).append(" | ").append(period(rate.path("production").asText())).append(" | ")
          .append(seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min")
          .append(rate.path("inferred").asBoolean() ? " (*inferred*)" : "").append(" |\n");
    });
    return out.toString();
  }

  /** An ISO 8601 period of one unit as words: P1W → 1 week, P14D → 14 days. */
  private static String period(String iso) {
    int n = Integer.parseInt(iso.substring(1, iso.length() - 1));
    String unit = switch (iso.charAt(iso.length() - 1)) {
      case 'D' -> "day";
      case 'W' -> "week";
      case 'M' -> "month";
      case 'Y' -> "year";
      default -> throw new IllegalArgumentException(iso);
    };
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String events() {
    StringBuilder out = new StringBuilder("\n| Event | Applies at status | Notification | Status after | Effect |\n|---|---|---|---|---|\n");
    PurchaseContext.table("subscription-events.json").path("events").properties().forEach(e -> {
      JsonNode row = e.getValue();
      Set<Integer> at = SubscriptionAdmin.ALLOWED.get(e.getKey());
      out.append("| `").append(e.getKey()).append('`').append(row.has("options") ? " `" + row.path("options").asText() + "`" : "")
          .append(" | ").append(at == null ? "— (scheduled only)" : String.join(", ", new TreeSet<>(at).stream().map(String::valueOf).toList()))
          .append(" | ").append(notification(row.path("type").asText(), row.path("subtype").asText(null)));
      row.path("variants").properties().forEach(v -> out.append("; *").append(v.getKey()).append("*: ")
          .append(notification(row.path("type").asText(), v.getValue().path("subtype").asText(row.path("subtype").asText(null)))));
      out.append(" | ").append(row.has("status") ? row.path("status").asText() : "—");
      row.path("variants").properties().stream().filter(v -> v.getValue().has("status"))
          .forEach(v -> out.append(" (").append(v.getValue().path("status").asText()).append(" *").append(v.getKey()).append("*)"));
      out.append(" | ").append(row.path("effect").asText("")).append(" |\n");
    });
    return out.toString();
  }

  private static String notification(String type, String subtype) {
    return "`" + type + "`" + (subtype == null ? "" : "/`" + subtype + "`");
  }
}
