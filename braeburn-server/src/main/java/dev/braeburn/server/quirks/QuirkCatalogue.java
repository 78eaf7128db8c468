package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of Apple's quirks ({@value #RESOURCE}): each a named misbehaviour Braeburn reproduces
 * for a team that switches it on, with what Apple does, where it was recorded, what it affects and
 * the settings it takes. The table is data so docs/faults.md is generated from it and a new quirk is
 * a row plus the code that honours it.
 */
public final class QuirkCatalogue {
  public static final String RESOURCE = "/braeburn/quirks/quirks.json";
  public static final String ENDLESS_NEXT = "endlessNextOnEmptyPages";
  public static final String SLOW_INCLUDES = "slowIncludePages";
  public static final String IGNORED_SCREENSHOT_FILTER = "ignoredScreenshotDisplayTypeFilter";
  public static final String UNDOCUMENTED_VALUES = "undocumentedValues";

  /** A setting of a quirk: {@code integer} (bounded), {@code date} (YYYY-MM-DD) or {@code boolean}. */
  public record Param(String name, String type, JsonNode defaultValue, Long min, Long max, boolean required) {}

  public record Quirk(String name, String family, String apple, String source, String affects, List<String> operations,
      Map<String, Param> params) {
    /** Whether the quirk is limited to these operations and this is one of them; quirks without a list apply wherever they are honoured. */
    public boolean covers(String operationId) {
      return operations.isEmpty() || operations.contains(operationId);
    }
  }

  private static final QuirkCatalogue INSTANCE = load();

  private final List<Quirk> quirks;

  private QuirkCatalogue(List<Quirk> quirks) {
    this.quirks = List.copyOf(quirks);
  }

  public static QuirkCatalogue get() {
    return INSTANCE;
  }

  public List<Quirk> all() {
    return quirks;
  }

  public Optional<Quirk> find(String name) {
    return quirks.stream().filter(q -> q.name().equals(name)).findFirst();
  }

  public Quirk named(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no quirk " + name + " in " + RESOURCE));
  }

  private static QuirkCatalogue load() {
    try (InputStream in = QuirkCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      List<Quirk> out = new ArrayList<>();
      for (JsonNode row : new ObjectMapper().readTree(in).path("quirks")) {
        List<String> operations = new ArrayList<>();
        row.path("operations").forEach(o -> operations.add(o.asText()));
        Map<String, Param> params = new LinkedHashMap<>();
        row.path("params").properties().forEach(p -> {
          JsonNode spec = p.getValue();
          params.put(p.getKey(), new Param(p.getKey(), spec.path("type").asText(), spec.get("default"),
              spec.has("min") ? spec.get("min").asLong() : null, spec.has("max") ? spec.get("max").asLong() : null,
              spec.path("required").asBoolean()));
        });
        out.add(new Quirk(row.path("name").asText(), row.path("family").asText(), row.path("apple").asText(),
            row.path("source").asText(), row.path("affects").asText(), List.copyOf(operations), Map.copyOf(params)));
      }
      return new QuirkCatalogue(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
