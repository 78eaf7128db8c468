package dev.braeburn.server.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The data sets shipped with Braeburn, in the admin resources format: reference catalogues every
 * team gets on creation (territories, app categories, Xcode Cloud versions …) and named seeds
 * ({@code demo}) loaded on request.
 */
public final class Datasets {
  /** Loaded together, so files may link to each other (Xcode versions → macOS versions). */
  static final List<String> REFERENCE = List.of(
      "territories", "appCategories", "ciMacOsVersions", "ciXcodeVersions", "betaRecruitmentCriterionOptions");

  public static final List<String> SEEDS = List.of("demo");

  private final ObjectMapper mapper;
  private ArrayNode reference;

  public Datasets(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The reference catalogues, read once (start-up may read them ahead on another thread). */
  public synchronized ArrayNode reference() {
    if (reference == null) {
      ArrayNode all = mapper.createArrayNode();
      for (String name : REFERENCE) {
        all.addAll((ArrayNode) read("/braeburn/reference/" + name + ".json").get("data"));
      }
      reference = all;
    }
    return reference;
  }

  public JsonNode seed(String name) {
    if (!SEEDS.contains(name)) {
      throw new IllegalArgumentException("unknown seed '" + name + "'; known: " + SEEDS);
    }
    return read("/braeburn/seed/" + name + ".json").get("data");
  }

  private JsonNode read(String resource) {
    try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing data set " + resource);
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
