package dev.braeburn.server.family.storekit.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** storefronts.json gives every territory the commerce catalogue sells in its own Apple storefront id. */
class StorefrontIdsTest {
  private static JsonNode storefronts() throws Exception {
    try (InputStream in = PurchaseContext.class.getResourceAsStream("storefronts.json")) {
      return new ObjectMapper().readTree(in).path("storefronts");
    }
  }

  @Test
  void everyCatalogueTerritoryHasAStorefrontIdAndNoTwoShareOne() throws Exception {
    JsonNode ids = storefronts();
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> shared = new ArrayList<>();
    for (String territory : Storefronts.TERRITORIES) {
      String id = ids.path(territory).asText(null);
      if (id == null) {
        missing.add(territory);
      } else if (!seen.add(id)) {
        shared.add(territory + "=" + id);
      }
    }
    assertThat(missing).as("territories without a storefront id").isEmpty();
    assertThat(shared).as("storefront ids used twice").isEmpty();
    assertThat(ids.size()).as("no storefront outside the catalogue").isEqualTo(Storefronts.TERRITORIES.size());
    ids.properties().forEach(e -> assertThat(e.getValue().asText()).as(e.getKey()).matches("14(34[4-9]|35\\d|36[0-2])\\d"));
  }

  @Test
  void theRecordedIdsAreKept() throws Exception {
    JsonNode ids = storefronts();
    assertThat(ids.path("USA").asText()).isEqualTo("143441"); // server-api.md §3.3 [REAL]
    assertThat(ids.path("JPN").asText()).isEqualTo("143462");
  }
}
