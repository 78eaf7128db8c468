package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;

/**
 * An expired build leaves TestFlight: both beta states become EXPIRED (protocol.md §7.1) and
 * testers stop seeing it. A build expires by {@code PATCH /v1/builds/{id} {expired: true}} (handled
 * here, in the same transaction when no other family owns that PATCH) or by the uploads family's
 * 90-day expiry, which TestFlight does not call into: it reads the build's {@code expired} flag —
 * at every TestFlight change touching the build, and in a check scheduled just after the build's
 * {@code expirationDate} once TestFlight has distributed or submitted it.
 */
final class BuildExpiry {
  static final String CHECK_TASK = "testflight.buildExpiry.check";
  private static final String OPERATION = "builds_updateInstance";

  private final TestFlight tf;
  private final BetaDetails details;

  BuildExpiry(TestFlight tf, BetaDetails details) {
    this.tf = tf;
    this.details = details;
  }

  /** Brings the beta states of an expired build to EXPIRED (announcing the external change); idempotent. */
  void sync(StoreTx tx, Resource build) {
    if (!Builds.expired(build)) {
      return;
    }
    details.setInternal(tx, build, "EXPIRED");
    details.setExternal(tx, build, "EXPIRED");
  }

  /** Schedules the expiry check for a build TestFlight now cares about (once per build). */
  void watch(StoreTx tx, Resource build) {
    Instant expiresAt = expirationDate(build);
    if (expiresAt == null || Builds.expired(build)) {
      return;
    }
    boolean pending = tx.scheduled(CHECK_TASK).stream().anyMatch(t -> build.id().equals(t.payload().path("buildId").asText()));
    if (!pending) {
      // One second after: the uploads family's own expiry, due at expirationDate, has run by then.
      tf.services().scheduler().schedule(tx, CHECK_TASK, expiresAt.plusSeconds(1), tf.object().put("buildId", build.id()));
    }
  }

  void runCheck(ScheduledTask task, TaskRun run) {
    tf.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find("builds", task.payload().path("buildId").asText()).ifPresent(build -> sync(tx, build));
      return null;
    });
  }

  /**
   * The handler for {@code PATCH /v1/builds/{id}}: wraps whatever another family registered before
   * (the uploads family owns the rest of that PATCH), or the generic update when none did.
   */
  OperationHandler patchHandler(OperationHandler earlier) {
    return ctx -> {
      JsonNode requested = ctx.body().attributes().get("expired");
      if (earlier == null) {
        return GenericWrites.update(ctx, (tx, stored, merged) -> {
          if (Builds.expired(stored)) {
            merged.put("expired", true); // Apple expires builds, it does not revive them (as the uploads family answers)
          }
          sync(tx, new Resource(stored.type(), stored.id(), stored.seq(), merged));
        });
      }
      ApiResponse response = earlier.handle(ctx);
      if (response.status() == 200 && requested != null && requested.asBoolean(false)) {
        tf.services().store().write(ctx.teamId(), tx -> {
          tx.find("builds", ctx.id()).ifPresent(build -> sync(tx, build));
          return null;
        });
      }
      return response;
    };
  }

  static String operation() {
    return OPERATION;
  }

  private static Instant expirationDate(Resource build) {
    return Graph.dateTime(build, "expirationDate").orElse(null);
  }
}
