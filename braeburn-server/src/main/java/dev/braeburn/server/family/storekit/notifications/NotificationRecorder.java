package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * The notifications part's {@link ServerNotifications}: in the caller's write transaction it builds
 * Apple's decoded {@code ResponseBodyV2DecodedPayload} (server-api.md §3.6), signs it and each
 * nested payload, stores it in {@value NotificationContext#TYPE} (notification history) and, when
 * the app has a Version 2 URL for that environment, schedules its delivery — the outbox: the record
 * and the task commit or roll back with the change that caused them.
 */
final class NotificationRecorder implements ServerNotifications {
  /** A refund request's consumption answer window (server-api.md §1.5, REAL-community): 12 hours. */
  static final Duration CONSUMPTION_WINDOW = Duration.ofHours(12);

  private final NotificationContext ctx;
  private final AppBuildVersion bundleVersion;

  NotificationRecorder(NotificationContext ctx) {
    this.ctx = ctx;
    this.bundleVersion = new AppBuildVersion(ctx.services());
  }

  @Override
  public void emit(StoreTx tx, Notification n) {
    record(tx, n, UUID.randomUUID().toString(), null);
  }

  /** Records and schedules one notification; {@code testToken} is set for TEST. Returns the stored record. */
  Resource record(StoreTx tx, Notification n, String uuid, String testToken) {
    long now = ctx.nowMillis();
    ObjectNode payload = ctx.object();
    payload.put("notificationType", n.type());
    if (n.subtype() != null) {
      payload.put("subtype", n.subtype()); // absent when none (§3.6)
    }
    payload.put("notificationUUID", uuid);
    if ("SUMMARY".equals(n.subtype()) && "RENEWAL_EXTENSION".equals(n.type())) {
      payload.set("summary", merge(appFields(n), n.extra()));
    } else {
      payload.set("data", data(tx, n, now));
    }
    payload.put("version", "2.0");
    payload.put("signedDate", now);

    ObjectNode attributes = ctx.object();
    attributes.set("payload", payload);
    attributes.put("signedPayload", ctx.sign(tx, payload));
    attributes.put("appId", n.app().id());
    attributes.put("environment", n.environment().wire());
    attributes.put("notificationType", n.type());
    if (n.subtype() != null) {
      attributes.put("subtype", n.subtype());
    }
    if (n.transaction() != null && n.transaction().hasNonNull("transactionId")) {
      attributes.put("transactionId", n.transaction().get("transactionId").asText());
      attributes.put("originalTransactionId", n.transaction().path("originalTransactionId").asText(n.transaction().get("transactionId").asText()));
    }
    attributes.put("signedDate", now);
    attributes.putArray("sendAttempts");
    if (testToken != null) {
      attributes.put("testNotificationToken", testToken);
    }
    if ("CONSUMPTION_REQUEST".equals(n.type()) && n.transaction() != null) {
      attributes.put("consumptionRequestDeadline", openConsumptionWindow(tx, n.transaction(), now));
    }
    boolean deliverable = DeliveryUrl.of(n.app(), n.environment()).isPresent();
    if (!deliverable) {
      attributes.put("undelivered", DeliveryUrl.missing(n.app(), n.environment())); // recorded, not sent
    }
    Resource stored = tx.insert(NotificationContext.TYPE, uuid, attributes);
    if (deliverable) {
      ctx.services().scheduler().schedule(tx, NotificationContext.DELIVER_TASK, Instant.ofEpochMilli(now),
          ctx.object().put("notificationUUID", uuid));
    }
    return stored;
  }

  private ObjectNode data(StoreTx tx, Notification n, long now) {
    ObjectNode data = appFields(n);
    if (!"TEST".equals(n.type())) { // [INFER] a TEST notification carries no bundleVersion: no purchase from a build caused it
      bundleVersion.of(tx, n.app()).ifPresent(v -> data.put("bundleVersion", v));
    }
    if (n.transaction() != null) {
      data.put("signedTransactionInfo", ctx.sign(tx, n.transaction().deepCopy().put("signedDate", now)));
    }
    if (n.renewalInfo() != null) {
      data.put("signedRenewalInfo", ctx.sign(tx, n.renewalInfo().deepCopy().put("signedDate", now)));
    }
    if (n.status() != null) {
      data.put("status", n.status());
    }
    return merge(data, n.extra());
  }

  /** environment, appAppleId (the app id as a number) and bundleId: the head of data and summary (§3.6). */
  private ObjectNode appFields(Notification n) {
    ObjectNode out = ctx.object();
    out.put("environment", n.environment().wire());
    try {
      out.put("appAppleId", Long.parseLong(n.app().id()));
    } catch (NumberFormatException e) {
      // not an Apple-shaped id: omitted rather than a string the libraries cannot read (§1.2)
    }
    out.put("bundleId", n.app().attributes().path("bundleId").asText());
    return out;
  }

  private static ObjectNode merge(ObjectNode into, ObjectNode extra) {
    if (extra != null) {
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = extra.fields(); it.hasNext();) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
        into.set(e.getKey(), e.getValue());
      }
    }
    return into;
  }

  /**
   * A CONSUMPTION_REQUEST gives the developer 12 hours to send consumption information (§1.5):
   * the deadline (epoch ms) is stored on the transaction as {@code consumptionRequestDeadline} for
   * the consumption endpoints to read.
   */
  private long openConsumptionWindow(StoreTx tx, ObjectNode transaction, long now) {
    long deadline = now + CONSUMPTION_WINDOW.toMillis();
    String id = transaction.path("transactionId").asText("");
    tx.find(NotificationContext.TRANSACTIONS, id).ifPresent(row ->
        tx.updateAttributes(row, row.attributes().deepCopy().put("consumptionRequestDeadline", deadline)));
    return deadline;
  }

  static StoreEnvironment environmentOf(Resource notification) {
    return StoreEnvironment.parse(notification.attributes().path("environment").asText()).orElse(StoreEnvironment.SANDBOX);
  }
}
