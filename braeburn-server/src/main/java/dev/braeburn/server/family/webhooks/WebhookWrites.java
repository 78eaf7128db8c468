package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST/PATCH/DELETE /v1/webhooks}: the generic writes plus Apple's rules ({@link
 * WebhookRules}). The secret is stored with the other attributes and never rendered: responses go
 * through the {@code Webhook} schema, which has no {@code secret}. The app cannot change (the
 * update schema has no relationships). Deleting a webhook deletes its delivery log and cancels its
 * pending deliveries.
 */
final class WebhookWrites {
  private final WebhookOutbox outbox;

  WebhookWrites(WebhookOutbox outbox) {
    this.outbox = outbox;
  }

  ApiResponse create(OperationContext ctx) {
    WebhookRules.check(ctx.body().attributes());
    return GenericWrites.create(ctx, (tx, created) -> {
      String appId = ctx.body().relationships().get("app").path("id").asText();
      String relation = ctx.services().model().relationship(WebhookTypes.APPS, "webhooks").storage();
      if (tx.linked(WebhookTypes.APPS, appId, relation).size() > WebhookRules.MAX_PER_APP) {
        throw WebhookRules.tooMany(appId);
      }
    });
  }

  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      keepWhereNull(stored.attributes(), merged);
      WebhookRules.check(merged);
    });
  }

  /** A PATCH sending null for an attribute leaves it as it is: a webhook without name, URL or secret means nothing. */
  private static void keepWhereNull(ObjectNode stored, ObjectNode merged) {
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode before = stored.get(field.getKey());
      if (field.getValue().isNull() && before != null && !before.isNull()) {
        field.setValue(before);
      }
    }
  }

  ApiResponse delete(OperationContext ctx) {
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Resource webhook = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      String deliveries = ctx.services().model().relationship(WebhookTypes.WEBHOOKS, "deliveries").storage();
      Set<String> removed = new HashSet<>();
      for (Linkage delivery : tx.linked(webhook.type(), webhook.id(), deliveries)) {
        tx.find(delivery.type(), delivery.id()).ifPresent(d -> {
          outbox.eventOf(tx, d).ifPresent(event -> tx.delete(event.type(), event.id()));
          tx.delete(d.type(), d.id());
          removed.add(d.id());
        });
      }
      cancelPending(tx, removed);
      tx.delete(webhook.type(), webhook.id());
      return ApiResponse.noContent(204);
    });
  }

  private static void cancelPending(StoreTx tx, Set<String> deliveryIds) {
    List<ScheduledTask> pending = tx.scheduled(WebhookOutbox.TASK_KIND);
    for (ScheduledTask task : pending) {
      if (deliveryIds.contains(task.payload().path("deliveryId").asText())) {
        tx.completeTask(task.id());
      }
    }
  }
}
