package dev.braeburn.server.admin;

import dev.braeburn.server.auth.KeyDirectory;
import dev.braeburn.server.auth.KeyIssuer;
import dev.braeburn.server.auth.RateLimiter;
import dev.braeburn.server.seed.Datasets;
import dev.braeburn.server.seed.ResourceLoader;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;
import java.util.UUID;

/**
 * Teams and keys: a new team gets its issuer ID (a UUID, as Apple's) and its own copy of the
 * reference catalogues, so every query stays inside one team. Every change to keys or teams goes
 * through here, so the request path's {@link KeyDirectory} forgets what it cached at once.
 */
public final class Accounts {
  private final Store store;
  private final Datasets datasets;
  private final ResourceLoader loader;
  private final KeyIssuer keys;
  private final KeyDirectory directory;
  private final RateLimiter limiter;

  public Accounts(Store store, Datasets datasets, ResourceLoader loader, KeyIssuer keys, KeyDirectory directory, RateLimiter limiter) {
    this.store = store;
    this.datasets = datasets;
    this.loader = loader;
    this.keys = keys;
    this.directory = directory;
    this.limiter = limiter;
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

  public boolean revokeKey(String keyId) {
    boolean revoked = store.revokeKey(keyId);
    directory.invalidate();
    return revoked;
  }

  public boolean setHourlyLimit(String keyId, Integer hourlyLimit) {
    boolean changed = store.setKeyHourlyLimit(keyId, hourlyLimit);
    directory.invalidate();
    limiter.reset(keyId);
    return changed;
  }

  public boolean setAgreementsMissing(String issuerId, boolean missing) {
    boolean changed = store.setAgreementsMissing(issuerId, missing);
    directory.invalidate();
    return changed;
  }

  public boolean setProgramMembership(String issuerId, String membership) {
    boolean changed = store.setProgramMembership(issuerId, membership);
    directory.invalidate();
    return changed;
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
