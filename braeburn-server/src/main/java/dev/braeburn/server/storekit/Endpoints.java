package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The App Store Server API's endpoints as data ({@code braeburn/storekit/endpoints.json}): routing,
 * rate limits and the documentation table all read it, and a test walks it.
 */
public final class Endpoints {
  /** A request's endpoint and its path parameters. */
  public record Match(Endpoint endpoint, Map<String, String> params) {}

  private final List<Endpoint> all;

  private Endpoints(List<Endpoint> all) {
    // literal segments before parameters: /transactions/appTransactions/{id} before /transactions/{id}
    this.all = all.stream().sorted(Comparator.comparingInt(Endpoint::literalSegments).reversed()).toList();
  }

  public static Endpoints load(ObjectMapper mapper) {
    try (InputStream in = Endpoints.class.getResourceAsStream("/braeburn/storekit/endpoints.json")) {
      List<Endpoint> rows = new ArrayList<>();
      for (JsonNode row : mapper.readTree(in).path("endpoints")) {
        rows.add(new Endpoint(row.path("name").asText(), row.path("method").asText(), row.path("path").asText(),
            row.path("perSecond").isNull() ? null : row.path("perSecond").asInt(), row.path("productionOnly").asBoolean(false)));
      }
      return new Endpoints(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("braeburn/storekit/endpoints.json is unreadable", e);
    }
  }

  public List<Endpoint> all() {
    return all;
  }

  /** The endpoint serving {@code method} on {@code path}; a known path with another method matches nothing. */
  public Optional<Match> match(String method, String path) {
    for (Endpoint e : all) {
      if (e.method().equals(method)) {
        Map<String, String> params = e.match(path);
        if (params != null) {
          return Optional.of(new Match(e, params));
        }
      }
    }
    return Optional.empty();
  }
}
