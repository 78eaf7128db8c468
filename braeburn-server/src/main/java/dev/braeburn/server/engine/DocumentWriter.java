package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.spec.Schema;
import java.util.Map;
import java.util.Set;

/**
 * Renders stored resources as the resource schema of the response asks (protocol.md §5.3–5.4):
 * every attribute of the schema, {@code null} when unset; relationships with {@code links.self}
 * only where a {@code /relationships/R} path exists and {@code links.related} only where {@code /R}
 * exists; linkage {@code data} (and {@code meta.paging} for to-many) only when included, or always
 * when the schema gives the relationship no links.
 */
public final class DocumentWriter {
  private final ResourceModel model;
  private final ObjectMapper mapper;

  public DocumentWriter(ResourceModel model, ObjectMapper mapper) {
    this.model = model;
    this.mapper = mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ObjectNode resource(Resource r, String schemaName, RenderContext rc, Map<String, RelationData> relations) {
    ResourceView view = model.view(schemaName);
    Set<String> fields = rc.fields().get(view.type());
    ObjectNode node = mapper.createObjectNode();
    node.put("type", r.type());
    node.put("id", r.id());
    if (!view.attributes().isEmpty()) {
      ObjectNode attributes = mapper.createObjectNode();
      for (Map.Entry<String, Schema> a : view.attributes().entrySet()) {
        String name = a.getKey();
        if (fields == null || fields.contains(name)) {
          JsonNode value = r.attributes().get(name);
          attributes.set(name, value == null ? mapper.nullNode() : value);
        }
      }
      if (!attributes.isEmpty()) {
        node.set("attributes", attributes);
      }
    }
    ObjectNode relationships = mapper.createObjectNode();
    String base = rc.baseUrl() + "/" + rc.version() + "/" + r.type() + "/" + r.id();
    view.relationships().forEach((name, shape) -> {
      if (fields != null && !fields.contains(name)) {
        return;
      }
      ObjectNode rel = relationship(r, name, shape, base, rc.version(), relations.get(name));
      if (!rel.isEmpty()) {
        relationships.set(name, rel);
      }
    });
    if (!relationships.isEmpty()) {
      node.set("relationships", relationships);
    }
    node.putObject("links").put("self", base);
    return node;
  }

  private ObjectNode relationship(
      Resource r, String name, ResourceView.RelationshipShape shape, String base, String version, RelationData data) {
    ObjectNode rel = mapper.createObjectNode();
    if (shape.links()) {
      String prefix = "/" + version + "/" + r.type() + "/{id}/";
      ObjectNode links = mapper.createObjectNode();
      if (model.spec().hasPath(prefix + "relationships/" + name)) {
        links.put("self", base + "/relationships/" + name);
      }
      if (model.spec().hasPath(prefix + name)) {
        links.put("related", base + "/" + name);
      }
      if (!links.isEmpty()) {
        rel.set("links", links);
      }
    }
    if (shape.data() && data != null) {
      if (shape.toMany()) {
        if (shape.meta()) {
          ObjectNode paging = rel.putObject("meta").putObject("paging");
          paging.put("total", data.total());
          paging.put("limit", data.limit());
        }
        ArrayNode array = rel.putArray("data");
        data.data().forEach(l -> array.add(linkage(l)));
      } else {
        rel.set("data", data.data().isEmpty() ? mapper.nullNode() : linkage(data.data().getFirst()));
      }
    }
    return rel;
  }

  public ObjectNode linkage(Linkage l) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", l.type());
    node.put("id", l.id());
    return node;
  }
}
