package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.RequestDocument;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resources Apple makes as a side effect of another write (a new version's copied localizations,
 * a new editable app info), made as a create would: an id in Apple's format and the type rules'
 * initial values on the virtual clock. Also the one request-body tweak the release family needs.
 */
final class NewResources {
  private final Release release;

  NewResources(Release release) {
    this.release = release;
  }

  Resource insert(StoreTx tx, String type, ObjectNode attributes) {
    return insert(tx, type, release.services().ids().next(type), attributes);
  }

  Resource insert(StoreTx tx, String type, String id, ObjectNode attributes) {
    release.services().rules().beforeInsert(type, id, attributes, release.services().clock().instant());
    return tx.insert(type, id, attributes);
  }

  /** A copy of {@code source}'s non-null {@code names} attributes. */
  ObjectNode copy(Resource source, List<String> names) {
    ObjectNode out = release.graph().object();
    for (String name : names) {
      JsonNode value = source.attributes().get(name);
      if (value != null && !value.isNull()) {
        out.set(name, value.deepCopy());
      }
    }
    return out;
  }

  /**
   * The request without one relationship, which the handler links itself after its checks: the
   * generic write would link it first, and linking a to-one whose inverse is to-one takes the
   * target away from its current owner (a build from its version) before a check could see it.
   */
  static OperationContext without(OperationContext ctx, String relationship) {
    RequestDocument body = ctx.body();
    Map<String, JsonNode> relationships = new LinkedHashMap<>(body.relationships());
    relationships.remove(relationship);
    RequestDocument stripped = new RequestDocument(body.type(), body.id(), body.attributes(), relationships, body.included(), body.linkages());
    return new OperationContext(ctx.request(), ctx.route(), ctx.query(), stripped, ctx.principal(), ctx.services(), ctx.quirks());
  }
}
