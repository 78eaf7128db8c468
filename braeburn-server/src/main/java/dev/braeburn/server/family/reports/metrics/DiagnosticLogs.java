package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.Seeds;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code GET /v1/diagnosticSignatures/{id}/logs}: Apple's {@code diagnosticLogs} document
 * ({@code application/vnd.apple.diagnostic-logs+json}) for one signature, computed on request.
 * It holds up to {@code limit} (default 50, as for lists) of the signature's events — never more
 * than its count — each with its metadata (device and OS version drawn from the version's sessions
 * in the usage model) and its call stack tree ({@link CallStacks}). Log {@code n} of a signature is
 * always the same. A signature not made by {@link DiagnosticSignatures} has no logs.
 */
final class DiagnosticLogs {
  static final int DEFAULT_LIMIT = 50;
  private final EngineServices services;
  private final UsageModel model;

  DiagnosticLogs(EngineServices services, UsageModel model) {
    this.services = services;
    this.model = model;
  }

  ApiResponse logs(OperationContext ctx) {
    record Source(Resource signature, BuildVersion build, ModelApp app) {}
    Source s = services.store().read(ctx.teamId(), tx -> {
      Resource signature = GenericReads.existing(tx, DiagnosticSignatures.TYPE, ctx.id());
      BuildVersion bv = tx.find("builds", signature.attributes().path("buildId").asText(""))
          .map(b -> BuildVersion.of(services, tx, b)).orElse(null);
      ModelApp app = bv == null || bv.app() == null ? null : model.app(tx, bv.app().id()).orElse(null);
      return new Source(signature, bv, app);
    });
    ObjectNode doc = services.mapper().createObjectNode();
    ArrayNode products = doc.putArray("productData");
    ObjectNode product = products.addObject().put("signatureId", s.signature().id());
    ArrayNode insights = product.putArray("diagnosticInsights");
    ArrayNode logs = product.putArray("diagnosticLogs");
    JsonNode a = s.signature().attributes();
    DiagnosticKind kind = kindOf(a.path("diagnosticType").asText(""));
    if (s.app() != null && kind != null && a.has("frame")) {
      insights.addObject().put("insightsURL", kind.insightsUrl).put("insightsCategory", kind.name())
          .put("insightsString", kind.event + " diagnostics blame " + a.path("signature").asText());
      int limit = ctx.query().limit() != null ? ctx.query().limit() : DEFAULT_LIMIT;
      long count = Math.min(limit, a.path("count").asLong());
      VersionUsage usage = VersionUsage.of(model, s.app(), MetricsWindow.before(services.clock()));
      List<Map.Entry<String, Long>> platforms = platforms(usage.platformSessions(a.path("appVersion").asText()));
      DiagnosticKind.Frame frame = kind.frames.get(a.path("frame").asInt());
      for (int n = 0; n < count; n++) {
        log(logs.addObject(), s.signature().id(), n, kind, frame, s.app(), s.build(), a.path("appVersion").asText(), platforms);
      }
    }
    doc.put("version", XcodeMetricsDocument.FORMAT_VERSION);
    return TypedDocuments.ok(ctx, services.mapper(), doc);
  }

  private static void log(ObjectNode log, String signatureId, int n, DiagnosticKind kind, DiagnosticKind.Frame frame,
      ModelApp app, BuildVersion build, String version, List<Map.Entry<String, Long>> platforms) {
    SplittableRandom r = Seeds.random(Seeds.of(signatureId), n);
    String[] devicePlatform = pick(platforms, r).split("\t");
    DeviceClass device = devicePlatform[0].equals("iPad") ? DeviceClass.IPAD : DeviceClass.IPHONE;
    String os = osWithBuild(devicePlatform[1], r);
    double seconds = kind == DiagnosticKind.DISK_WRITES ? 0 : 0.5 + 5.5 * r.nextDouble();
    long samples = kind == DiagnosticKind.DISK_WRITES ? 1 + r.nextInt(40) : Math.round(seconds * 100);
    CallStacks.write(log.putArray("callStackTree"), kind, frame, SignaturePlan.module(app), app.bundleId(), build.buildNumber(), os, samples);
    ObjectNode meta = log.putObject("diagnosticMetaData");
    meta.put("bundleId", app.bundleId());
    meta.put("event", kind.event);
    meta.put("osVersion", os);
    meta.put("appVersion", version);
    if (kind == DiagnosticKind.DISK_WRITES) {
      meta.put("writesCaused", String.format(Locale.ROOT, "%.2f GB", 1 + 3 * r.nextDouble()));
      meta.put("eventDetail", "writes over 24 hours");
    } else {
      meta.put("eventDetail", String.format(Locale.ROOT, "%s duration %.2f s", kind.event.toLowerCase(Locale.ROOT), seconds));
    }
    meta.put("deviceType", device.hardware.get(r.nextInt(device.hardware.size())));
    meta.put("platformArchitecture", "arm64e");
    meta.put("buildVersion", build.buildNumber());
  }

  /** iPhone and iPad sessions by OS version; an app used on neither platform logs from iPhones on its first entry. */
  private static List<Map.Entry<String, Long>> platforms(Map<String, Long> sessions) {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    sessions.forEach((k, v) -> {
      if ((k.startsWith("iPhone\t") || k.startsWith("iPad\t")) && v > 0) {
        out.add(Map.entry(k, v));
      }
    });
    if (out.isEmpty()) {
      String os = sessions.keySet().stream().findFirst().map(k -> k.substring(k.indexOf('\t') + 1)).orElse("iOS 18.0");
      out.add(Map.entry("iPhone\t" + os.replaceFirst("^\\S+", "iOS"), 1L));
    }
    return out;
  }

  private static String pick(List<Map.Entry<String, Long>> weighted, SplittableRandom r) {
    long total = weighted.stream().mapToLong(Map.Entry::getValue).sum();
    long at = (long) (r.nextDouble() * total);
    for (Map.Entry<String, Long> e : weighted) {
      at -= e.getValue();
      if (at < 0) {
        return e.getKey();
      }
    }
    return weighted.getLast().getKey();
  }

  /** "iOS 18.1" → "iOS 18.1 (22B83)": Apple's build train (iOS 17 → 21, 18 → 22, 26 → 23), a letter per point release. */
  private static String osWithBuild(String platformVersion, SplittableRandom r) {
    String[] parts = platformVersion.substring(platformVersion.indexOf(' ') + 1).split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    int train = major >= 26 ? major - 3 : major + 4;
    return platformVersion + " (" + train + (char) ('A' + Math.min(minor, 25)) + (10 + r.nextInt(90)) + ")";
  }

  private static DiagnosticKind kindOf(String name) {
    for (DiagnosticKind k : DiagnosticKind.values()) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
