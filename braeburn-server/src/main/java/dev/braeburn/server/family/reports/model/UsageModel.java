package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The one source of every report's numbers: a seeded, deterministic model of each app's usage and
 * sales, tunable per app through the admin API. Reports never invent numbers of their own.
 */
public interface UsageModel {
  /** The app as the model sees it now (store data and current tuning), or empty when the team has no such app. */
  Optional<ModelApp> app(StoreTx tx, String appId);

  /**
   * Keeps {@code app} (tuning and products) in the store under its fingerprint, if not kept yet, so
   * {@link #version} finds it later. Needs a write transaction; idempotent.
   */
  void freeze(StoreTx tx, ModelApp app);

  /** The app as it was when {@link #freeze frozen} with this fingerprint. */
  Optional<ModelApp> version(StoreTx tx, String appId, String fingerprint);

  /**
   * The facts of one day — a pure function of {@code app} and {@code date}: equal inputs give
   * equal rows in equal order. Days before the tuning's launch date have no rows.
   */
  AppDay day(ModelApp app, LocalDate date);

  /**
   * Pre-orders of {@code app} on {@code date}, one row per territory and device that has had any —
   * a pure function like {@link #day}. Empty outside the tuning's pre-order period
   * ({@code preOrderStart} up to the day before {@code launchDate}) and when it has none.
   */
  List<PreOrderRow> preOrders(ModelApp app, LocalDate date);
}
