package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A build's {@code diagnosticSignatures} as real resources, so the generic read path serves them
 * (filters, paging, sparse fields, the linkage path). They are made lazily and deterministically:
 * a read of {@code /v1/builds/{id}/diagnosticSignatures} or its relationship first computes the
 * signatures of the build's version over the {@link MetricsWindow} ({@link SignaturePlan}) and,
 * when they differ from the stored ones (first read, or the window moved on with the virtual
 * clock), writes them — ids are name-based UUIDs of build, type and frame, so a restart, another
 * instance or a snapshot gives the same ids. The stored resource keeps what its logs need (build,
 * version, events) in attributes no response schema has.
 */
final class DiagnosticSignatures {
  static final String TYPE = "diagnosticSignatures";
  private static final String RELATION = "diagnosticSignatures";
  private static final int REFERENCES = 3;

  private final EngineServices services;
  private final UsageModel model;

  DiagnosticSignatures(EngineServices services, UsageModel model) {
    this.services = services;
    this.model = model;
  }

  ApiResponse related(OperationContext ctx) {
    ensure(ctx);
    return GenericReads.related(ctx);
  }

  ApiResponse relationship(OperationContext ctx) {
    ensure(ctx);
    return GenericReads.relationshipLinkage(ctx);
  }

  /** Brings the build's stored signatures up to date (a write only when they differ). */
  private void ensure(OperationContext ctx) {
    record Target(Resource build, ModelApp app, String version, Map<String, ObjectNode> stored) {}
    Target t = services.store().read(ctx.teamId(), tx -> {
      Resource build = GenericReads.existing(tx, "builds", ctx.id());
      BuildVersion bv = BuildVersion.of(services, tx, build);
      ModelApp app = bv.app() == null ? null : model.app(tx, bv.app().id()).orElse(null);
      return new Target(build, app, bv.appVersion(), stored(tx, build));
    });
    Map<String, ObjectNode> wanted = t.app() == null || t.version() == null ? Map.of()
        : wanted(t.build(), t.app(), t.version(), VersionUsage.of(model, t.app(), MetricsWindow.before(services.clock())));
    if (wanted.equals(t.stored())) {
      return;
    }
    services.store().write(ctx.teamId(), tx -> {
      Resource build = GenericReads.existing(tx, "builds", ctx.id());
      Map<String, ObjectNode> now = stored(tx, build);
      for (String id : now.keySet()) {
        if (!wanted.containsKey(id)) {
          tx.delete(TYPE, id);
        }
      }
      Relationship rel = services.model().relationship("builds", RELATION);
      wanted.forEach((id, attributes) -> {
        if (!now.containsKey(id)) {
          services.relations().add(tx, build, rel, tx.insert(TYPE, id, attributes));
        } else if (!now.get(id).equals(attributes)) {
          tx.updateAttributes(tx.find(TYPE, id).orElseThrow(), attributes);
        }
      });
      return null;
    });
  }

  private Map<String, ObjectNode> stored(StoreTx tx, Resource build) {
    List<Linkage> links = tx.linked("builds", build.id(), services.model().relationship("builds", RELATION).storage());
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (!links.isEmpty()) {
      tx.findAll(links).forEach(r -> out.put(r.id(), r.attributes()));
    }
    return out;
  }

  private Map<String, ObjectNode> wanted(Resource build, ModelApp app, String version, VersionUsage usage) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    List<String> versions = usage.versions();
    int at = versions.indexOf(version);
    if (at < 0) {
      return out;
    }
    List<String> references = versions.subList(Math.max(0, at - REFERENCES), at);
    for (DiagnosticKind kind : DiagnosticKind.values()) {
      Map<String, List<SignaturePlan.Planned>> referencePlans = new LinkedHashMap<>(); // planned once per kind, not per signature
      references.forEach(v -> referencePlans.put(v, SignaturePlan.of(app, v, kind, usage.counts(v).sessions())));
      for (SignaturePlan.Planned p : SignaturePlan.of(app, version, kind, usage.counts(version).sessions())) {
        ObjectNode a = services.mapper().createObjectNode();
        a.put("diagnosticType", kind.name());
        a.put("signature", p.signature());
        a.put("weight", p.weight());
        insight(p, referencePlans, a);
        a.put("buildId", build.id()).put("appVersion", version).put("frame", p.candidate()).put("count", p.count())
            .put("events", p.events());
        out.put(id(build.id(), kind, p.candidate()), reread(a));
      }
    }
    return out;
  }

  /**
   * {@code insight}: the signature's weight in up to three earlier versions of the window;
   * {@code direction} UP when its weight now is over 110 % of their average, DOWN under 90 %,
   * else UNDEFINED; none without earlier versions (inferred).
   */
  private static void insight(SignaturePlan.Planned p, Map<String, List<SignaturePlan.Planned>> referencePlans, ObjectNode attributes) {
    if (referencePlans.isEmpty()) {
      attributes.putNull("insight");
      return;
    }
    ObjectNode insight = attributes.putObject("insight");
    insight.put("insightType", "TREND");
    ArrayNode refs = insight.putArray("referenceVersions");
    double sum = 0;
    for (var reference : referencePlans.entrySet()) {
      double w = reference.getValue().stream()
          .filter(o -> o.candidate() == p.candidate()).mapToDouble(SignaturePlan.Planned::weight).findFirst().orElse(0);
      refs.addObject().put("version", reference.getKey()).put("value", w);
      sum += w;
    }
    double avg = sum / referencePlans.size();
    insight.put("direction", p.weight() > avg * 1.1 ? "UP" : p.weight() < avg * 0.9 ? "DOWN" : "UNDEFINED");
  }

  static String id(String buildId, DiagnosticKind kind, int frame) {
    return UUID.nameUUIDFromBytes((TYPE + "/" + buildId + "/" + kind.name() + "/" + frame).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** As the store gives it back (numbers re-read from text), so stored and wanted compare equal. */
  private ObjectNode reread(ObjectNode attributes) {
    try {
      return (ObjectNode) services.mapper().readTree(attributes.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
