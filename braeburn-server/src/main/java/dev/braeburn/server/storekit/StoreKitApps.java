package dev.braeburn.server.storekit;

import dev.braeburn.server.family.release.VersionStates;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Optional;

/** The team's app a token's {@code bid} names, and what the App Store Server API needs to know of it. */
public final class StoreKitApps {
  private StoreKitApps() {}

  public static Optional<Resource> byBundleId(StoreTx tx, String bundleId) {
    return tx.list(new ListSpec("apps", null, List.of(new Condition.AttributeIn("bundleId", ValueKind.STRING, List.of(bundleId))),
        List.of(), null, 1)).items().stream().findFirst();
  }

  /** Hidden type of the team's App Store Server API settings; one row, id {@value #TEAM_SETTINGS_ID}. */
  public static final String TEAM_SETTINGS = "_skTeamSettings";
  public static final String TEAM_SETTINGS_ID = "team";

  /**
   * The environment of requests to Braeburn's own address for this app: the app's own setting,
   * else the team's default, else Sandbox (server-api.md §1.1: an app is tested in sandbox before
   * its production release).
   */
  public static StoreEnvironment environment(StoreTx tx, Resource app) {
    return ownEnvironment(app).or(() -> teamEnvironment(tx)).orElse(StoreEnvironment.SANDBOX);
  }

  public static Optional<StoreEnvironment> ownEnvironment(Resource app) {
    return StoreEnvironment.parse(app.attributes().path(StoreEnvironment.APP_ATTRIBUTE).asText(""));
  }

  public static Optional<StoreEnvironment> teamEnvironment(StoreTx tx) {
    return tx.find(TEAM_SETTINGS, TEAM_SETTINGS_ID).flatMap(r -> StoreEnvironment.parse(r.attributes().path("environment").asText("")));
  }

  /**
   * Whether the app is or was on the App Store: Apple's production host answers 401 for an app
   * that never had a production release (server-api.md §1.1, F:806452).
   */
  public static boolean everReleased(StoreTx tx, Resource app) {
    List<Linkage> versions = tx.linked("apps", app.id(), "appStoreVersions");
    return tx.findAll(versions).stream().anyMatch(VersionStates::released);
  }
}
