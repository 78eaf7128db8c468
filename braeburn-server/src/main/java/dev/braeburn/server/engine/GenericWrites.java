package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spec-driven writes: create (201 + Location), update (200, partial attributes, relationships
 * replaced), delete (204) and relationship linkage changes (204), each in one transaction. The
 * type rules ({@link dev.braeburn.server.rules.TypeRules}) set what Apple sets on create and judge
 * every change against the resource's state.
 */
public final class GenericWrites {
  private GenericWrites() {}

  /**
   * A family's own step inside a generic create's transaction, after the resource and its
   * relationships are written and before the response is rendered: set initial states, schedule
   * work, announce events — or refuse with an {@link dev.braeburn.server.jsonapi.ApiException},
   * which rolls everything back.
   */
  @FunctionalInterface
  public interface AfterCreate {
    void apply(StoreTx tx, Resource created);
  }

  /**
   * A family's own step inside a generic update's transaction, before anything is written: {@code
   * merged} is the stored attributes with the request's applied, and may be changed or refused.
   */
  @FunctionalInterface
  public interface BeforeUpdate {
    void apply(StoreTx tx, Resource stored, ObjectNode merged);
  }

  /**
   * How a family creates one {@code included} item of an update request (registered with
   * {@link Relations#inlineCreator}): inside the update's transaction, with the same rules as the
   * item's own POST, linked to {@code parent}. Without one, {@link #createInline} creates it.
   */
  @FunctionalInterface
  public interface InlineCreate {
    Resource create(OperationContext ctx, StoreTx tx, Resource parent, JsonNode item, Map<String, Resource> local);
  }

  static ApiResponse create(OperationContext ctx) {
    return create(ctx, (tx, created) -> {});
  }

  static ApiResponse update(OperationContext ctx) {
    return update(ctx, (tx, stored, merged) -> {});
  }

  public static ApiResponse create(OperationContext ctx, AfterCreate after) {
    RequestDocument body = ctx.body();
    ctx.services().rules().checkLimits(body.type(), body.attributes());
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Map<String, Resource> local = createIncluded(ctx, tx, body.included());
      Resource created = insert(ctx, tx, body.type(), body.attributes().deepCopy());
      link(ctx, tx, created, body.relationships(), local);
      created = ctx.services().rules().afterLink(tx, created);
      ctx.services().rules().checkCreate(tx, created);
      after.apply(tx, created);
      Resource fresh = tx.find(created.type(), created.id()).orElseThrow();
      String location = ctx.request().baseUrl() + "/" + ctx.operation().version() + "/" + created.type() + "/" + created.id();
      return Documents.single(ctx, tx, fresh, 201).withHeader("Location", location);
    });
  }

  public static ApiResponse update(OperationContext ctx, BeforeUpdate before) {
    return update(ctx, before, (tx, updated) -> {});
  }

  /**
   * An update whose {@code after} step runs once the request's relationships are written. Items of
   * {@code included} are created first ({@link InlineCreate}, in order; a refusal of item n points
   * into {@code /included/n} and refuses the whole request); a to-many relationship naming them
   * adds them and what else it names, keeping the parent's other targets [INFER: Apple does not say
   * whether an update creating resources inline drops the ones it leaves out; adding loses nothing].
   */
  public static ApiResponse update(OperationContext ctx, BeforeUpdate before, AfterCreate after) {
    RequestDocument body = ctx.body();
    ctx.services().rules().checkLimits(ctx.operation().type(), body.attributes());
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Resource existing = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      ctx.services().rules().checkUpdate(tx, existing, body.attributes(), body.relationships().keySet());
      ObjectNode attributes = existing.attributes().deepCopy();
      attributes.setAll(body.attributes());
      before.apply(tx, existing, attributes);
      tx.updateAttributes(existing, attributes);
      Resource parent = tx.find(existing.type(), existing.id()).orElseThrow();
      Map<String, Resource> local = InlineCreates.create(ctx, tx, parent, body.included());
      link(ctx, tx, existing, body.relationships(), local);
      Resource fresh = tx.find(existing.type(), existing.id()).orElseThrow();
      after.apply(tx, fresh);
      return Documents.single(ctx, tx, tx.find(existing.type(), existing.id()).orElseThrow(), 200);
    });
  }

  static ApiResponse delete(OperationContext ctx) {
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Resource existing = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      ctx.services().rules().checkDelete(tx, existing);
      tx.delete(existing.type(), existing.id());
      return ApiResponse.noContent(204);
    });
  }

  static ApiResponse changeRelationship(OperationContext ctx) {
    JsonNode data = ctx.body().linkages();
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Resource parent = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      Relationship rel = GenericReads.relationship(ctx);
      ctx.services().rules().checkRelationship(tx, parent, rel.name());
      Relations relations = ctx.services().relations();
      List<Resource> targets = targets(relations, tx, data, "/data", Map.of());
      switch (ctx.operation().kind()) {
        case CREATE_RELATIONSHIP -> targets.forEach(t -> relations.add(tx, parent, rel, t));
        case DELETE_RELATIONSHIP -> targets.forEach(t -> relations.remove(tx, parent, rel, t.linkage()));
        default -> relations.replace(tx, parent, rel, targets);
      }
      return ApiResponse.noContent(204);
    });
  }

  private static void link(
      OperationContext ctx, StoreTx tx, Resource source, Map<String, JsonNode> relationships, Map<String, Resource> local) {
    List<ApiError> errors = new ArrayList<>();
    Map<Relationship, List<Resource>> resolved = new HashMap<>();
    relationships.forEach((name, data) -> {
      Relationship rel = ctx.services().model().relationship(source.type(), name);
      if (rel == null) {
        return; // the body validator accepted it: a relationship the spec lets us write but not read
      }
      try {
        resolved.put(rel, targets(ctx.services().relations(), tx, data, "/data/relationships/" + name + "/data", local));
      } catch (ApiException e) {
        errors.addAll(e.errors());
      }
    });
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    resolved.forEach((rel, targets) -> {
      boolean inline = rel.toMany() && targets.stream().anyMatch(local::containsValue);
      if (!inline) {
        ctx.services().relations().replace(tx, source, rel, targets);
        return;
      }
      var linked = tx.linked(source.type(), source.id(), rel.storage());
      targets.stream().filter(t -> !linked.contains(t.linkage())).forEach(t -> ctx.services().relations().add(tx, source, rel, t));
    });
  }

  private static List<Resource> targets(Relations relations, StoreTx tx, JsonNode data, String pointer, Map<String, Resource> local) {
    List<Resource> out = new ArrayList<>();
    List<ApiError> errors = new ArrayList<>();
    if (data == null || data.isNull()) {
      return out;
    }
    List<JsonNode> entries = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(entries::add);
    } else {
      entries.add(data);
    }
    for (int i = 0; i < entries.size(); i++) {
      String type = entries.get(i).get("type").asText();
      String id = entries.get(i).get("id").asText();
      Resource target = local.containsKey(id) ? local.get(id) : relations.target(tx, type, id).orElse(null);
      if (target == null) {
        errors.add(Errors.relationshipTargetMissing(type, id, data.isArray() ? pointer + "/" + i : pointer));
      } else {
        out.add(target);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    return out;
  }

  /** Inline-created resources ({@code included} with {@code ${local}} ids) of a create request. */
  private static Map<String, Resource> createIncluded(OperationContext ctx, StoreTx tx, List<JsonNode> included) {
    Map<String, Resource> local = new HashMap<>();
    for (JsonNode item : included) {
      String type = item.path("type").asText();
      ObjectNode attributes = item.path("attributes").isObject() ? (ObjectNode) item.get("attributes").deepCopy() : ctx.services().mapper().createObjectNode();
      local.put(item.path("id").asText(), insert(ctx, tx, type, attributes));
    }
    for (JsonNode item : included) {
      Resource created = local.get(item.path("id").asText());
      Map<String, JsonNode> rels = new HashMap<>();
      item.path("relationships").fields().forEachRemaining(e -> rels.put(e.getKey(), e.getValue().get("data")));
      rels.values().removeIf(java.util.Objects::isNull);
      link(ctx, tx, created, rels, local);
      local.put(item.path("id").asText(), ctx.services().rules().afterLink(tx, created));
    }
    return local;
  }

  /**
   * Creates one {@code included} item as a create request's would be: the type rules' limits, its
   * attributes, its relationships (local ids of earlier items first), the rules after linking and on create.
   */
  public static Resource createInline(OperationContext ctx, StoreTx tx, JsonNode item, Map<String, Resource> local) {
    String type = item.path("type").asText();
    ObjectNode attributes = item.path("attributes").isObject() ? (ObjectNode) item.get("attributes").deepCopy() : ctx.services().mapper().createObjectNode();
    ctx.services().rules().checkLimits(type, attributes);
    Resource created = insert(ctx, tx, type, attributes);
    Map<String, JsonNode> rels = new HashMap<>();
    item.path("relationships").fields().forEachRemaining(e -> rels.put(e.getKey(), e.getValue().get("data")));
    rels.values().removeIf(java.util.Objects::isNull);
    link(ctx, tx, created, rels, local);
    created = ctx.services().rules().afterLink(tx, created);
    ctx.services().rules().checkCreate(tx, created);
    return tx.find(type, created.id()).orElseThrow();
  }

  /** Inserts a new resource with the values Apple sets on create that need only the resource and server time (type rules). */
  private static Resource insert(OperationContext ctx, StoreTx tx, String type, ObjectNode attributes) {
    String id = ctx.services().ids().next(type);
    ctx.services().rules().beforeInsert(type, id, attributes, ctx.services().clock().instant());
    return tx.insert(type, id, attributes);
  }
}
