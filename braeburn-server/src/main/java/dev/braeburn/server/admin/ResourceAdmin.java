package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_braeburn/resources} and {@code /_braeburn/resources/{type}/{id}}: a team's stored
 * resources as the store holds them, whatever the public API would show: the types with their
 * counts, a type's resources in insertion order (paged by a cursor), one resource with all its
 * attributes and every stored edge from it. Braeburn's own bookkeeping types (names starting with
 * {@code _}: ledgers, quotas, watermarks) are not Apple resources and stay hidden, as in the API.
 */
final class ResourceAdmin {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final Store store;
  private final TeamAdmin teams;
  private final AdminJson json;

  ResourceAdmin(Store store, TeamAdmin teams, AdminJson json) {
    this.store = store;
    this.teams = teams;
    this.json = json;
  }

  /** Without {@code type}: the types and their counts; with it: one page of that type's resources. */
  ApiResponse list(ApiRequest req) {
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    String type = AdminApi.queryParameter(req, "type");
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    if (type == null || type.isBlank()) {
      store.read(issuerId, tx -> tx.countsByType()).forEach((t, n) -> {
        if (!hidden(t)) {
          data.addObject().put("type", t).put("count", n);
        }
      });
      return json.json(200, out);
    }
    if (hidden(type)) {
      throw AdminJson.notFound("'" + type + "' is Braeburn's own bookkeeping, not a resource type");
    }
    int limit = limit(req);
    PageKey after = cursor(AdminApi.queryParameter(req, "cursor"));
    Page page = store.read(issuerId, tx -> tx.list(new ListSpec(type, null, List.of(), List.of(), after, limit)));
    page.items().forEach(r -> data.add(describe(r)));
    out.putObject("meta").putObject("paging").put("total", page.total()).put("limit", limit);
    ObjectNode links = out.putObject("links");
    if (page.next() != null) {
      links.put("next", AdminApi.PREFIX + "resources?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)
          + "&limit=" + limit + "&cursor=" + page.next().seq());
    }
    return json.json(200, out);
  }

  /** {@code typeAndId} is "type/id": the resource's attributes and its relationships as linkages. */
  ApiResponse show(ApiRequest req, String typeAndId) {
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    int slash = typeAndId.indexOf('/');
    if (slash < 1 || slash == typeAndId.length() - 1 || hidden(typeAndId)) {
      throw AdminJson.notFound("Ask for /_braeburn/resources/{type}/{id} of a resource type");
    }
    String type = typeAndId.substring(0, slash);
    String id = typeAndId.substring(slash + 1);
    record Found(Resource resource, Map<String, List<Linkage>> links) {}
    Found found = store.read(issuerId, tx -> tx.find(type, id).map(r -> new Found(r, tx.linksFrom(type, id))).orElse(null));
    if (found == null) {
      throw AdminJson.notFound("There is no " + type + " resource with id '" + id + "' in team " + issuerId);
    }
    ObjectNode resource = describe(found.resource());
    ObjectNode relationships = resource.putObject("relationships");
    found.links().forEach((relation, targets) -> {
      ArrayNode linkages = relationships.putObject(relation).putArray("data");
      targets.stream().filter(t -> !hidden(t.type())).forEach(t -> linkages.addObject().put("type", t.type()).put("id", t.id()));
    });
    ObjectNode out = json.mapper().createObjectNode();
    out.set("data", resource);
    return json.json(200, out);
  }

  private ObjectNode describe(Resource r) {
    ObjectNode node = json.mapper().createObjectNode().put("type", r.type()).put("id", r.id());
    node.set("attributes", r.attributes());
    return node;
  }

  static boolean hidden(String type) {
    return type.startsWith("_");
  }

  private static int limit(ApiRequest req) {
    String raw = AdminApi.queryParameter(req, "limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (!raw.matches("\\d{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
      throw AdminJson.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(raw);
  }

  /** The cursor is the store sequence of the last resource shown: listing goes on after it. */
  private static PageKey cursor(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (!raw.matches("\\d{1,18}")) {
      throw AdminJson.invalid("cursor", "cursor is the links.next value of the previous page");
    }
    return new PageKey(List.of(), List.of(), Long.parseLong(raw));
  }
}
