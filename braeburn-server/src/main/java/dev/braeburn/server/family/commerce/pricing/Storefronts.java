package dev.braeburn.server.family.commerce.pricing;

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
public final class Storefronts {
  /** Alpha-3 (Apple's territory id) → alpha-2 (the storefront code reports use). */
  private static final Map<String, String> ALPHA2 = alpha2();
  /** Alpha-2 → ISO 4217, sorted by code so iteration is deterministic. */
  public static final Map<String, String> CURRENCY = load();
  /** Apple's territory ids (alpha-3) in the catalogue's order (sorted). */
  public static final java.util.List<String> TERRITORIES = territoryIds();

  private Storefronts() {}

  public static boolean known(String territory) {
    return CURRENCY.containsKey(territory);
  }

  public static Set<String> codes() {
    return CURRENCY.keySet();
  }

  /** The storefront code (alpha-2) of an Apple territory id (alpha-3), or null for an unknown id. */
  public static String alpha2(String territoryId) {
    return ALPHA2.get(territoryId);
  }

  /** The currency of an Apple territory id (alpha-3); null for an unknown id. */
  public static String currencyOfTerritory(String territoryId) {
    String code = ALPHA2.get(territoryId);
    return code == null ? null : CURRENCY.get(code);
  }

  private static Map<String, String> alpha2() {
    Map<String, String> alpha2 = new TreeMap<>();
    for (String code : Locale.getISOCountries()) {
      alpha2.put(Locale.of("", code).getISO3Country(), code);
    }
    alpha2.put("XKS", "XK"); // Kosovo has no ISO code; Apple uses XKS and storefront code XK.
    return Collections.unmodifiableMap(alpha2);
  }

  private static java.util.List<String> territoryIds() {
    try (InputStream in = Storefronts.class.getResourceAsStream("/braeburn/reference/territories.json")) {
      java.util.List<String> out = new java.util.ArrayList<>();
      for (JsonNode t : new ObjectMapper().readTree(in).path("data")) {
        out.add(t.path("id").asText());
      }
      java.util.Collections.sort(out);
      return java.util.List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> load() {
    Map<String, String> alpha2 = ALPHA2;
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
