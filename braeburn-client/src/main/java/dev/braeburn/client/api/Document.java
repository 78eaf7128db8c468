package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON:API document as App Store Connect sends it: {@code data} (one resource or a page of them),
 * {@code included}, {@code links} and {@code meta}. A thin view over the parsed tree; {@link #json()}
 * gives the whole of it.
 */
public final class Document {
  private final JsonNode json;
  private final RateLimit rateLimit;

  public Document(JsonNode json, RateLimit rateLimitOrNull) {
    this.json = json;
    this.rateLimit = rateLimitOrNull;
  }

  /** The primary data as a list: one element for a single resource, none for {@code data: null}. */
  public List<Resource> data() {
    return resources(json.path("data"));
  }

  /** The single resource of a get-one or create answer. */
  public Resource resource() {
    JsonNode data = json.path("data");
    if (!data.isObject()) {
      throw new IllegalStateException("the document's data is not a single resource: " + data.getNodeType());
    }
    return Resource.of(data);
  }

  /** True when {@code data} is an empty array (or null / missing). */
  public boolean isEmpty() {
    return data().isEmpty();
  }

  public List<Resource> included() {
    return resources(json.path("included"));
  }

  public Links links() {
    return new Links(json.path("links"));
  }

  /** {@code meta}, e.g. {@code meta.paging.total}; a missing node when absent. */
  public JsonNode meta() {
    return json.path("meta");
  }

  /** The {@code X-Rate-Limit} this document came with, when the server sent one. */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  public JsonNode json() {
    return json;
  }

  @Override
  public String toString() {
    return json.toString();
  }

  private static List<Resource> resources(JsonNode node) {
    List<Resource> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> list.add(Resource.of(n)));
    } else if (node.isObject()) {
      list.add(Resource.of(node));
    }
    return List.copyOf(list);
  }

  /** A document's {@code links}. */
  public static final class Links {
    private final JsonNode links;

    Links(JsonNode links) {
      this.links = links;
    }

    /** {@code links.next}, an absolute URL, when there is another page. */
    public Optional<String> next() {
      return text("next");
    }

    public Optional<String> self() {
      return text("self");
    }

    private Optional<String> text(String name) {
      JsonNode value = links.path(name);
      return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
  }
}
