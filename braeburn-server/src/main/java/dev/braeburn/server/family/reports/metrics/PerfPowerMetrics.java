package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/apps/{id}/perfPowerMetrics} and {@code GET /v1/builds/{id}/perfPowerMetrics}:
 * the xcodeMetrics document computed on request from the usage model ({@link VersionUsage} over
 * the {@link MetricsWindow}); nothing is stored. A build's document holds its version's points
 * only. {@code filter[metricType]} and {@code filter[platform]} are checked against their enums by
 * the query validator; {@code filter[deviceType]}, which the spec leaves open, must name a
 * {@link DeviceClass} (else 400 PARAMETER_ERROR.INVALID; inferred).
 */
final class PerfPowerMetrics {
  static final String DEVICE_FILTER = "filter[deviceType]";

  private final EngineServices services;
  private final UsageModel model;

  PerfPowerMetrics(EngineServices services, UsageModel model) {
    this.services = services;
    this.model = model;
  }

  ApiResponse app(OperationContext ctx) {
    ModelApp app = services.store().read(ctx.teamId(), tx -> {
      GenericReads.existing(tx, "apps", ctx.id());
      return model.app(tx, ctx.id()).orElseThrow();
    });
    return respond(ctx, app, null);
  }

  ApiResponse build(OperationContext ctx) {
    record Target(ModelApp app, String version) {}
    Target target = services.store().read(ctx.teamId(), tx -> {
      BuildVersion bv = BuildVersion.of(services, tx, GenericReads.existing(tx, "builds", ctx.id()));
      return bv.app() == null ? new Target(null, null) : new Target(model.app(tx, bv.app().id()).orElseThrow(), bv.appVersion());
    });
    if (target.app() == null || target.version() == null) { // a build made by hand without app or version: no data
      devices(ctx.query().filters().get("deviceType")); // a bad filter value is a 400 all the same
      return TypedDocuments.ok(ctx, services.mapper(), XcodeMetricsDocument.write(services.mapper(), null, MetricSeries.NONE, null));
    }
    return respond(ctx, target.app(), target.version());
  }

  private ApiResponse respond(OperationContext ctx, ModelApp app, String version) {
    Set<String> categories = new LinkedHashSet<>(ctx.query().filters().getOrDefault("metricType", MetricDefinition.categories()));
    Set<DeviceClass> devices = devices(ctx.query().filters().get("deviceType"));
    MetricSeries series = MetricSeries.of(app, VersionUsage.of(model, app, MetricsWindow.before(services.clock())), categories, devices);
    return TypedDocuments.ok(ctx, services.mapper(), XcodeMetricsDocument.write(services.mapper(), app, series, version));
  }

  private static Set<DeviceClass> devices(List<String> values) {
    if (values == null) {
      return EnumSet.allOf(DeviceClass.class);
    }
    Set<DeviceClass> out = EnumSet.noneOf(DeviceClass.class);
    for (String v : values) {
      out.add(DeviceClass.byId(v).orElseThrow(() -> new ApiException(Errors.parameterInvalid(DEVICE_FILTER,
          "'" + v + "' is not a valid value for '" + DEVICE_FILTER + "'. Expected one of: " + String.join(", ", DeviceClass.ids())))));
    }
    return out;
  }
}
