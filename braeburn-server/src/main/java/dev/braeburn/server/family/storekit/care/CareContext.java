package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** What customer care works with: the engine's services, the notifications it announces through, and its tables. */
record CareContext(EngineServices services, Supplier<ServerNotifications> notifications) {

  long nowMillis() {
    return services.clock().instant().toEpochMilli();
  }

  ObjectNode object() {
    return services.mapper().createObjectNode();
  }

  /** Announces one notification about {@code transaction} (and its subscription's renewal info when it has one, §3.6). */
  void emit(StoreTx tx, Resource transaction, Resource subscription, String type, String subtype, ObjectNode extra) {
    var t = transaction.attributes();
    Resource app = tx.find("apps", t.path("appId").asText()).orElseThrow();
    StoreEnvironment environment = StoreEnvironment.parse(t.path("environment").asText()).orElseThrow();
    long now = nowMillis();
    ObjectNode renewal = subscription == null ? null : PurchaseRecords.decoded(subscription).put("signedDate", now);
    Integer status = subscription == null ? null : subscription.attributes().path("status").asInt();
    notifications.get().emit(tx, new ServerNotifications.Notification(app, environment, type, subtype,
        PurchaseRecords.decoded(transaction).put("signedDate", now), renewal, status, extra));
  }

  ApiResponse ok(ObjectNode body) {
    try {
      return ApiResponse.json(200, services.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode table(String name) {
    try (InputStream in = CareContext.class.getResourceAsStream(name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
