package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.schedule.TaskHandler;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a {@value WebhookOutbox#TASK_KIND} task: reads the delivery, its event and its webhook, POSTs
 * outside any transaction, then records the attempt in one short write transaction that also
 * completes the task. A failed attempt stays FAILED in the log and, while attempts remain ({@link
 * RetrySchedule}), queues the next attempt as a new PENDING delivery in that same transaction, so
 * the log shows every attempt. At-least-once: a crash between the POST and the record sends again
 * once the task's lease expires; nothing is lost.
 */
final class DeliveryTask implements TaskHandler {
  private final Store store;
  private final WebhookOutbox outbox;
  private final HttpPoster poster;

  DeliveryTask(Store store, WebhookOutbox outbox, HttpPoster poster) {
    this.store = store;
    this.outbox = outbox;
    this.poster = poster;
  }

  /** What one attempt sends, read before the POST. */
  private record Attempt(String url, String secret, byte[] body) {}

  @Override
  public void run(ScheduledTask task, TaskRun run) {
    String deliveryId = task.payload().path("deliveryId").asText();
    int attempt = Math.max(1, task.payload().path("attempt").asInt(1));
    Optional<Attempt> pending = store.read(task.teamId(), tx -> tx.find(WebhookTypes.DELIVERIES, deliveryId)
        .filter(d -> DeliveryState.PENDING.equals(d.attributes().path("deliveryState").asText()))
        .flatMap(d -> outbox.eventOf(tx, d).flatMap(event -> outbox.webhookOf(tx, deliveryId).map(webhook -> new Attempt(
            text(webhook, "url"), text(webhook, "secret"),
            event.attributes().path("payload").asText("").getBytes(StandardCharsets.UTF_8))))));
    if (pending.isEmpty()) {
      return; // deleted with its webhook, or already recorded: nothing to send
    }
    Attempt a = pending.get();
    Instant sentAt = outbox.now();
    HttpPoster.Outcome outcome = send(a);
    store.write(task.teamId(), tx -> {
      Optional<Resource> delivery = tx.find(WebhookTypes.DELIVERIES, deliveryId);
      if (delivery.isPresent()) {
        tx.updateAttributes(delivery.get(), recorded(delivery.get(), a, outcome, sentAt));
        if (!outcome.succeeded()) {
          retry(tx, delivery.get(), attempt);
        }
      }
      run.complete(tx);
      return null;
    });
  }

  private HttpPoster.Outcome send(Attempt a) {
    if (a.url() == null || !(a.url().startsWith("http://") || a.url().startsWith("https://"))) {
      return HttpPoster.Outcome.notSent("The webhook has no http(s) URL to deliver to");
    }
    if (a.secret() == null || a.secret().isEmpty()) {
      return HttpPoster.Outcome.notSent("The webhook has no secret to sign the notification with");
    }
    return poster.post(a.url(), a.body(), Signature.of(a.secret(), a.body()));
  }

  private ObjectNode recorded(Resource delivery, Attempt a, HttpPoster.Outcome outcome, Instant sentAt) {
    ObjectNode attributes = delivery.attributes().deepCopy();
    attributes.put("deliveryState", outcome.succeeded() ? DeliveryState.SUCCEEDED : DeliveryState.FAILED);
    attributes.put("sentDate", sentAt.toString());
    attributes.putObject("request").put("url", a.url());
    if (outcome.status() != null) {
      attributes.putObject("response").put("httpStatusCode", outcome.status()).put("body", outcome.body());
    } else {
      attributes.putNull("response");
    }
    if (outcome.succeeded()) {
      attributes.putNull("errorMessage");
    } else {
      attributes.put("errorMessage", outcome.errorMessage());
    }
    return attributes;
  }

  /** Queues the next attempt as its own delivery, due after the backoff; none once attempts are used up. */
  private void retry(dev.braeburn.server.store.StoreTx tx, Resource failed, int attempt) {
    RetrySchedule.WEBHOOKS.after(attempt).ifPresent(delay -> outbox.eventOf(tx, failed).ifPresent(event ->
        outbox.webhookOf(tx, failed.id()).ifPresent(webhook -> outbox.queueDelivery(tx, webhook, event,
            failed.attributes().path("redelivery").asBoolean(false), attempt + 1, outbox.now().plus(delay)))));
  }

  private static String text(Resource r, String attribute) {
    return r.attributes().path(attribute).isTextual() ? r.attributes().get(attribute).asText() : null;
  }
}
