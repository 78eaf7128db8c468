package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link UsageModel}: apps and products from the store, tunings kept in the store
 * ({@link TuningStore}), frozen versions kept under their fingerprint (internal type
 * {@value #VERSIONS}), days simulated by {@link DaySimulation}. docs/usage-model.md describes it.
 */
public final class UsageModels implements UsageModel {
  static final String VERSIONS = "_usageModelVersions";

  private final EngineServices services;
  private final Catalog catalog;

  public UsageModels(EngineServices services) {
    this.services = services;
    this.catalog = new Catalog(services.model());
  }

  /** {@code /_braeburn/metrics/…}: the dashboard summary and the per-app tuning. */
  public Map<String, RequestHandler> adminRoutes() {
    return Map.of("metrics", new MetricsAdmin(services, this)::handle);
  }

  @Override
  public Optional<ModelApp> app(StoreTx tx, String appId) {
    Optional<Resource> found = tx.find("apps", appId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Resource app = found.get();
    ModelTuning tuning = TuningStore.effective(tx, appId);
    String bundleId = app.attributes().path("bundleId").asText(null);
    List<ModelProduct> products = catalog.products(tx, app, tuning);
    if (products.isEmpty() && tuning.inventProducts()) {
      products = Catalog.invented(appId, bundleId, tuning);
    }
    // the app's price schedule, when it has one, is what a download costs; the tuning's price otherwise
    var prices = dev.braeburn.server.family.commerce.pricing.StorePrices.of(tx, "apps", appId);
    return Optional.of(ModelAppJson.fingerprinted(new ModelApp(appId, app.attributes().path("name").asText(null),
        app.attributes().path("sku").asText(null), bundleId, tuning.priceUsd(), List.copyOf(products), tuning, null, prices, Map.of())));
  }

  @Override
  public void freeze(StoreTx tx, ModelApp app) {
    if (tx.find(VERSIONS, app.fingerprint()).isEmpty()) {
      tx.insert(VERSIONS, app.fingerprint(), ModelAppJson.write(app));
    }
  }

  @Override
  public Optional<ModelApp> version(StoreTx tx, String appId, String fingerprint) {
    return tx.find(VERSIONS, fingerprint)
        .filter(r -> r.attributes().path("appId").asText().equals(appId))
        .map(r -> ModelAppJson.read(r.attributes(), fingerprint));
  }

  @Override
  public AppDay day(ModelApp app, LocalDate date) {
    return DaySimulation.day(app, date);
  }

  @Override
  public List<PreOrderRow> preOrders(ModelApp app, LocalDate date) {
    return PreOrders.rows(app, date);
  }

  /** Sets the tuning of an app from a PATCH body; the app must exist. */
  ModelTuning tune(StoreTx tx, String appId, com.fasterxml.jackson.databind.JsonNode body) {
    return TuningStore.patch(tx, appId, body);
  }
}
