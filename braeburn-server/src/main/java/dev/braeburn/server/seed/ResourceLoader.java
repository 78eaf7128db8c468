package dev.braeburn.server.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.IdGenerator;
import dev.braeburn.server.engine.Relations;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts JSON:API resource objects straight into a team's store — the admin endpoint {@code POST
 * /_braeburn/resources}, the reference catalogues and the demo seed. Any type of the spec can be
 * loaded, including those the public API cannot create (apps, builds, territories). Resources are
 * written first and linked second, so a file may reference resources further down; links get
 * their inverses like any other write. An existing resource with the same type and id has its
 * attributes replaced. Every load ends with the {@link AfterLoad} hook, in the same transaction.
 */
public final class ResourceLoader {
  /** What runs at the end of every load, inside its transaction, with the resources it wrote. */
  @FunctionalInterface
  public interface AfterLoad {
    void apply(StoreTx tx, List<Resource> loaded);
  }

  private final ResourceModel model;
  private final Relations relations;
  private final IdGenerator ids = new IdGenerator();
  /** Set once the families are installed (the first start loads reference data before); nothing until then. */
  private volatile AfterLoad afterLoad = (tx, loaded) -> {};

  public ResourceLoader(ResourceModel model, Relations relations) {
    this.model = model;
    this.relations = relations;
  }

  /** Runs {@code hook} at the end of every later load (the families' {@code afterLoad}). */
  public void afterLoad(AfterLoad hook) {
    this.afterLoad = hook;
  }

  public List<Linkage> load(StoreTx tx, JsonNode data) {
    if (data == null || !data.isArray()) {
      throw invalid("/data", "'data' must be an array of resource objects");
    }
    List<Resource> written = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      written.add(write(tx, data.get(i), "/data/" + i));
    }
    for (int i = 0; i < data.size(); i++) {
      link(tx, written.get(i), data.get(i).path("relationships"), "/data/" + i + "/relationships");
    }
    afterLoad.apply(tx, List.copyOf(written));
    return written.stream().map(Resource::linkage).toList();
  }

  private Resource write(StoreTx tx, JsonNode item, String pointer) {
    String type = item.path("type").asText("");
    if (model.spec().resourceType(type) == null) {
      throw invalid(pointer + "/type", "'" + type + "' is not a resource type of the App Store Connect API");
    }
    String id = item.path("id").isTextual() ? item.get("id").asText() : ids.next(type);
    ObjectNode attributes = item.path("attributes").isObject()
        ? ((ObjectNode) item.get("attributes")).deepCopy()
        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    var known = model.attributes(type);
    for (var it = attributes.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.containsKey(name)) {
        throw invalid(pointer + "/attributes/" + name, "'" + name + "' is not an attribute of '" + type + "'");
      }
    }
    var existing = tx.find(type, id);
    if (existing.isPresent()) {
      tx.updateAttributes(existing.get(), attributes);
      return new Resource(type, id, existing.get().seq(), attributes);
    }
    return tx.insert(type, id, attributes);
  }

  private void link(StoreTx tx, Resource source, JsonNode relationships, String pointer) {
    relationships.fields().forEachRemaining(e -> {
      String at = pointer + "/" + e.getKey();
      Relationship rel = model.relationship(source.type(), e.getKey());
      if (rel == null) {
        throw invalid(at, "'" + e.getKey() + "' is not a relationship of '" + source.type() + "'");
      }
      JsonNode data = e.getValue().get("data");
      List<JsonNode> targets = new ArrayList<>();
      if (data != null && data.isArray()) {
        data.forEach(targets::add);
      } else if (data != null && !data.isNull()) {
        targets.add(data);
      }
      for (JsonNode t : targets) {
        // a computed target (a price point) is stored on demand, as the API's writes do
        Resource target = relations.target(tx, t.path("type").asText(), t.path("id").asText())
            .orElseThrow(() -> invalid(at, "no resource " + t.path("type").asText() + "/" + t.path("id").asText() + " to link to"));
        relations.add(tx, source, rel, target);
      }
    });
  }

  private static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR", "The provided entity is invalid", detail).pointer(pointer));
  }
}
