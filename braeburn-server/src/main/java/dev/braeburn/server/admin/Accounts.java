package dev.braeburn.server.admin;

import dev.braeburn.server.auth.KeyIssuer;
import dev.braeburn.server.seed.Datasets;
import dev.braeburn.server.seed.ResourceLoader;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;
import java.util.UUID;

/**
 * Team lifecycle: a new team gets its issuer ID (a UUID, as Apple's) and its own copy of the
 * reference catalogues, so every query stays inside one team.
 */
public final class Accounts {
  private final Store store;
  private final Datasets datasets;
  private final ResourceLoader loader;
  private final KeyIssuer keys;

  public Accounts(Store store, Datasets datasets, ResourceLoader loader, KeyIssuer keys) {
    this.store = store;
    this.datasets = datasets;
    this.loader = loader;
    this.keys = keys;
  }

  public Team createTeam(String name) {
    Team team = store.createTeam(UUID.randomUUID().toString(), name == null ? "Braeburn Team" : name);
    loadReference(team.issuerId());
    return team;
  }

  public void loadReference(String issuerId) {
    store.write(issuerId, tx -> loader.load(tx, datasets.reference()));
  }

  public void seed(String issuerId, String seedName) {
    store.write(issuerId, tx -> loader.load(tx, datasets.seed(seedName)));
  }

  public KeyIssuer keys() {
    return keys;
  }

  public ResourceLoader loader() {
    return loader;
  }

  public Store store() {
    return store;
  }
}
