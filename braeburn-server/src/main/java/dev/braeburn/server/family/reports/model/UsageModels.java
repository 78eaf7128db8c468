package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** The {@link UsageModel} kept in the store, and its admin routes. (Being written.) */
public final class UsageModels implements UsageModel {
  private final EngineServices services;

  public UsageModels(EngineServices services) {
    this.services = services;
  }

  /** {@code /_braeburn/metrics/…}: the dashboard summary and the per-app tuning. */
  public Map<String, RequestHandler> adminRoutes() {
    return Map.of();
  }

  @Override
  public Optional<ModelApp> app(StoreTx tx, String appId) {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public void freeze(StoreTx tx, ModelApp app) {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public Optional<ModelApp> version(StoreTx tx, String appId, String fingerprint) {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public AppDay day(ModelApp app, LocalDate date) {
    throw new UnsupportedOperationException("being written");
  }
}
