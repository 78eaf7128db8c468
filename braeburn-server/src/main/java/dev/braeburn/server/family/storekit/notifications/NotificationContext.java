package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import dev.braeburn.server.storekit.SignedData;
import java.time.Clock;
import java.util.List;

/**
 * What the notifications part works with: the engine's services, the signer of App Store data
 * (server-api.md §3.1), and the hidden type {@value #TYPE} that holds every notification (its
 * decoded payload, {@code signedPayload} and {@code sendAttempts}), keyed by notificationUUID.
 */
record NotificationContext(EngineServices services, SignedData signer, CertificateAuthorities authorities) {
  static final String TYPE = "_skNotifications";
  static final String TRANSACTIONS = "_skTransactions";
  static final String DELIVER_TASK = "storekit.notification.deliver";

  static NotificationContext create(EngineServices services) {
    return new NotificationContext(services, new SignedData(services.mapper()),
        new CertificateAuthorities(services.store(), Clock.systemUTC()));
  }

  /** Virtual now in epoch milliseconds (server-api.md §1.2). */
  long nowMillis() {
    return services.clock().instant().toEpochMilli();
  }

  ObjectNode object() {
    return services.mapper().createObjectNode();
  }

  String sign(StoreTx tx, ObjectNode payload) {
    return signer.sign(authorities.get(tx), payload);
  }

  ApiResponse ok(JsonNode body) {
    try {
      return ApiResponse.json(200, services.mapper().writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The app's notifications in one environment, oldest first (by signedDate, then insertion). */
  List<Resource> notificationsOf(StoreTx tx, Resource app, String environment) {
    return tx.list(new ListSpec(TYPE, null, List.of(
        new Condition.AttributeIn("appId", ValueKind.STRING, List.of(app.id())),
        new Condition.AttributeIn("environment", ValueKind.STRING, List.of(environment))),
        List.of(new ListSpec.Order("signedDate", ValueKind.NUMBER, false)), null, 100_000)).items();
  }

  /** One history entry / test status: the signed payload and every attempt so far (§1.3 rows 13, 15). */
  ObjectNode historyItem(Resource notification) {
    ObjectNode item = object();
    item.put("signedPayload", notification.attributes().path("signedPayload").asText());
    item.set("sendAttempts", attempts(notification).deepCopy());
    return item;
  }

  static ArrayNode attempts(Resource notification) {
    JsonNode a = notification.attributes().path("sendAttempts");
    return a.isArray() ? (ArrayNode) a : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
  }
}
