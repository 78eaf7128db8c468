package dev.braeburn.server.engine;

import dev.braeburn.server.rules.TypeShapes;
import dev.braeburn.server.store.ValueKind;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.ResourceType;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource-level facts derived once from the spec (and cached: rendering asks for them on every
 * response): views of resource schemas, the union of a type's attributes across its
 * representations (what filters, sorts and the store see), and the schemas of the data and the
 * included resources of a response document.
 */
public final class ResourceModel implements TypeShapes {
  private final Spec spec;
  private final Map<String, ResourceView> views = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Schema>> typeAttributes = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> dataSchemas = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> includedSchemas = new ConcurrentHashMap<>();
  /** The API versions of the spec's paths (v1, v2, v3): what a response can render under. */
  private final List<String> versions;

  public ResourceModel(Spec spec) {
    this.spec = spec;
    this.versions = spec.operations().stream().map(Operation::version).distinct().toList();
  }

  public Spec spec() {
    return spec;
  }

  public ResourceView view(String schemaName) {
    return views.computeIfAbsent(schemaName, this::buildView);
  }

  private ResourceView buildView(String schemaName) {
    Schema schema = spec.schema(schemaName);
    String type = schema.property("type").enumValues().getFirst();
    Map<String, Schema> attributes = new LinkedHashMap<>();
    Schema attrs = spec.resolve(schema.property("attributes"));
    if (attrs != null) {
      attrs.properties().forEach((name, s) -> attributes.put(name, spec.resolve(s)));
    }
    Map<String, ResourceView.RelationshipShape> rels = new LinkedHashMap<>();
    Schema relationships = spec.resolve(schema.property("relationships"));
    if (relationships != null) {
      relationships.properties().forEach((name, s) -> {
        Schema rel = spec.resolve(s);
        Schema data = rel.property("data");
        Relationship known = relationship(type, name);
        boolean toMany = data != null ? data.isArray() : known != null && known.toMany();
        rels.put(name, new ResourceView.RelationshipShape(
            rel.property("links") != null, data != null, rel.property("meta") != null, toMany));
      });
    }
    List<ResourceView.Key> attributeKeys = attributes.keySet().stream().map(ResourceView.Key::new).toList();
    Map<String, List<ResourceView.RenderedRelationship>> byVersion = new HashMap<>();
    for (String version : versions) {
      String prefix = "/" + version + "/" + type + "/{id}/";
      List<ResourceView.RenderedRelationship> rendered = new ArrayList<>();
      rels.forEach((name, shape) -> rendered.add(new ResourceView.RenderedRelationship(
          new ResourceView.Key(name),
          shape,
          shape.links() && spec.hasPath(prefix + "relationships/" + name) ? new ResourceView.Suffix("/relationships/" + name) : null,
          shape.links() && spec.hasPath(prefix + name) ? new ResourceView.Suffix("/" + name) : null)));
      byVersion.put(version, List.copyOf(rendered));
    }
    return new ResourceView(schemaName, type, attributes, rels, attributeKeys, Map.copyOf(byVersion));
  }

  /** The resource schema a document schema's {@code data} holds (array items or object). */
  public String dataSchema(String documentSchema) {
    return dataSchemas.computeIfAbsent(documentSchema, d -> Optional.ofNullable(findDataSchema(d))).orElse(null);
  }

  private String findDataSchema(String documentSchema) {
    Schema data = spec.schema(documentSchema).property("data");
    if (data == null) {
      return null;
    }
    Schema item = data.isArray() ? data.items() : data;
    return item.ref();
  }

  /** Type → resource schema for a document's {@code included} items. */
  public Map<String, String> includedSchemas(String documentSchema) {
    return includedSchemas.computeIfAbsent(documentSchema, d -> Collections.unmodifiableMap(findIncludedSchemas(d)));
  }

  private Map<String, String> findIncludedSchemas(String documentSchema) {
    Map<String, String> out = new LinkedHashMap<>();
    Schema included = spec.schema(documentSchema).property("included");
    if (included == null || included.items() == null) {
      return out;
    }
    Schema items = included.items();
    var branches = items.oneOf().isEmpty() ? java.util.List.of(items) : items.oneOf();
    for (Schema branch : branches) {
      if (branch.ref() != null) {
        Schema resolved = spec.resolve(branch);
        out.putIfAbsent(resolved.property("type").enumValues().getFirst(), branch.ref());
      }
    }
    return out;
  }

  @Override
  public boolean knows(String type) {
    return spec.resourceType(type) != null;
  }

  @Override
  public Relationship relationship(String type, String name) {
    ResourceType rt = spec.resourceType(type);
    return rt == null ? null : rt.relationship(name);
  }

  /** All attributes a type has in any of its representations. */
  @Override
  public Map<String, Schema> attributes(String type) {
    return typeAttributes.computeIfAbsent(type, t -> {
      Map<String, Schema> all = new LinkedHashMap<>();
      ResourceType rt = spec.resourceType(t);
      if (rt != null) {
        rt.schemaNames().forEach(name -> all.putAll(view(name).attributes()));
      }
      return all;
    });
  }

  public ValueKind kind(Schema attribute) {
    if (attribute == null || attribute.type() == null) {
      return ValueKind.STRING;
    }
    return switch (attribute.type()) {
      case "boolean" -> ValueKind.BOOLEAN;
      case "integer", "number" -> ValueKind.NUMBER;
      default -> ValueKind.STRING;
    };
  }

  /** First resource schema of a type, for rendering a type no document lists. */
  public String defaultSchema(String type) {
    ResourceType rt = spec.resourceType(type);
    return rt == null || rt.schemaNames().isEmpty() ? null : rt.schemaNames().getFirst();
  }
}
