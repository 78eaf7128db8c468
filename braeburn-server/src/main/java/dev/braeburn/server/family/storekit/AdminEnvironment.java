package dev.braeburn.server.family.storekit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitApps;

/** The environment a simulator or admin request acts in: its body's {@code environment}, else the app's setting. */
public final class AdminEnvironment {
  private AdminEnvironment() {}

  public static StoreEnvironment of(StoreTx tx, Resource app, JsonNode body) {
    if (body == null || !body.hasNonNull("environment")) {
      return StoreKitApps.environment(tx, app);
    }
    String value = body.get("environment").asText();
    return StoreEnvironment.parse(value).orElseThrow(() -> AdminJson.invalid("/environment",
        "environment must be Sandbox or Production; got '" + value + "'"));
  }
}
