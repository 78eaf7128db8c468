package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.webhooks.HttpPoster;
import dev.braeburn.server.family.webhooks.RetrySchedule;
import dev.braeburn.server.schedule.TaskHandler;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@value NotificationContext#DELIVER_TASK} task the way the webhooks family's outbox does
 * (ARCHITECTURE "Time and scheduled work"): reads the notification and the app's URL, POSTs
 * {@code {"signedPayload":"…"}} outside any transaction (the webhooks' {@link HttpPoster}: JDK
 * HttpClient, 10 s timeouts, no redirects), then appends the attempt to {@code sendAttempts} and
 * completes the task in one write transaction. A failure in Production queues the next attempt on
 * the virtual clock at +1, +12, +24, +48, +72 h after the previous one; Sandbox tries once
 * (server-api.md §4.2).
 */
final class NotificationDelivery implements TaskHandler {
  /** Apple's Version 2 retries (server-api.md §4.2): after the initial attempt, five more. */
  static final RetrySchedule PRODUCTION = new RetrySchedule(List.of(
      Duration.ofHours(1), Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)));

  private final NotificationContext ctx;
  private final HttpPoster poster;

  NotificationDelivery(NotificationContext ctx, HttpPoster poster) {
    this.ctx = ctx;
    this.poster = poster;
  }

  private record Attempt(String url, byte[] body) {}

  @Override
  public void run(ScheduledTask task, TaskRun run) {
    String uuid = task.payload().path("notificationUUID").asText();
    Optional<Attempt> pending = ctx.services().store().read(task.teamId(), tx -> tx.find(NotificationContext.TYPE, uuid)
        .flatMap(n -> tx.find("apps", n.attributes().path("appId").asText())
            .flatMap(app -> DeliveryUrl.of(app, NotificationRecorder.environmentOf(n)))
            .map(url -> new Attempt(url, body(n)))));
    if (pending.isEmpty()) {
      return; // the URL was removed since: nothing to send (the scheduler completes the task)
    }
    long attemptDate = ctx.nowMillis();
    SendAttemptResult result = DeliveryUrl.reserved(pending.get().url())
        ? SendAttemptResult.NO_RESPONSE
        : SendAttemptResult.of(poster.post(pending.get().url(), pending.get().body()));
    ctx.services().store().write(task.teamId(), tx -> {
      tx.find(NotificationContext.TYPE, uuid).ifPresent(n -> {
        ObjectNode attributes = n.attributes().deepCopy();
        attributes.withArray("sendAttempts").addObject().put("attemptDate", attemptDate).put("sendAttemptResult", result.name());
        tx.updateAttributes(n, attributes);
        int attempts = attributes.withArray("sendAttempts").size();
        if (result != SendAttemptResult.SUCCESS && NotificationRecorder.environmentOf(n) == StoreEnvironment.PRODUCTION) {
          PRODUCTION.after(attempts).ifPresent(delay -> ctx.services().scheduler().schedule(tx, NotificationContext.DELIVER_TASK,
              Instant.ofEpochMilli(attemptDate).plus(delay), ctx.object().put("notificationUUID", uuid)));
        }
      });
      run.complete(tx);
      return null;
    });
  }

  private byte[] body(Resource notification) {
    ObjectNode body = ctx.object().put("signedPayload", notification.attributes().path("signedPayload").asText());
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
