package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The App Store's storefronts by ISO 3166-1 alpha-2 code and the currency each sells in. Read from
 * the same reference catalogue every team gets as its {@code territories} resources (which Apple
 * names by alpha-3 code), so the model and the API never disagree on which storefronts exist.
 */
final class Storefronts {
  /** Alpha-2 → ISO 4217, sorted by code so iteration is deterministic. */
  static final Map<String, String> CURRENCY = load();

  private Storefronts() {}

  static boolean known(String territory) {
    return CURRENCY.containsKey(territory);
  }

  static Set<String> codes() {
    return CURRENCY.keySet();
  }

  private static Map<String, String> load() {
    Map<String, String> alpha2 = new TreeMap<>();
    for (String code : Locale.getISOCountries()) {
      alpha2.put(Locale.of("", code).getISO3Country(), code);
    }
    alpha2.put("XKS", "XK"); // Kosovo has no ISO code; Apple uses XKS and storefront code XK.
    try (InputStream in = Storefronts.class.getResourceAsStream("/braeburn/reference/territories.json")) {
      Map<String, String> out = new TreeMap<>();
      for (JsonNode t : new ObjectMapper().readTree(in).path("data")) {
        String code = alpha2.get(t.path("id").asText());
        if (code == null) {
          throw new IllegalStateException("territory without alpha-2 code: " + t.path("id").asText());
        }
        out.put(code, t.path("attributes").path("currency").asText("USD"));
      }
      return Collections.unmodifiableMap(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
