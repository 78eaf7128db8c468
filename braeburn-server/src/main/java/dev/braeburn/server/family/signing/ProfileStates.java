package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.ResourceTasks;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code profileState} (provisioning.md §4.5): a profile is ACTIVE until something it depends on
 * changes — a certificate in it is revoked or expires, a device in it is disabled [INFER: plausible,
 * unrecorded], its App ID's capabilities change or the App ID goes — or it reaches its
 * expirationDate on the virtual clock. Then it is INVALID, through the type rules' state machine.
 *
 * <p>Expiry: Apple's portal says "Expired" and codemagic's client knows an EXPIRED state, but the
 * spec's {@code profileState} enum (responses and {@code filter[profileState]}) has only ACTIVE and
 * INVALID, and every response Braeburn sends validates against the spec: an expired profile is
 * INVALID [INFER], with its expirationDate in the past, which is what fastlane checks.
 */
final class ProfileStates {
  static final String TYPE = "profiles";
  static final String CHECK_TASK = "profile-validity";

  private final Graph graph;
  private final ResourceTasks tasks;

  ProfileStates(Graph graph) {
    this.graph = graph;
    this.tasks = new ResourceTasks(graph);
  }

  /** Schedules the check at the first moment the profile or a certificate in it expires. */
  void watch(StoreTx tx, Resource profile) {
    if (active(profile)) {
      tasks.ensure(tx, CHECK_TASK, profile.id(), firstExpiry(tx, profile));
    }
  }

  /** Certificates and devices do not link back to their profiles (the spec has no such relationship): every profile is looked at. */
  void certificateRevoked(StoreTx tx, Resource certificate) {
    invalidateHolding(tx, "certificates", certificate);
  }

  void deviceDisabled(StoreTx tx, Resource device) {
    invalidateHolding(tx, "devices", device);
  }

  /** A bundle ID lists its profiles (the inverse of a profile's {@code bundleId}). */
  void appIdChanged(StoreTx tx, Resource bundleId) {
    graph.related(tx, bundleId, "profiles").stream().filter(ProfileStates::active).forEach(p -> invalidate(tx, p));
  }

  /** The scheduled check: INVALID once the profile or one of its certificates has expired, else look again then. */
  void run(ScheduledTask task, TaskRun run) {
    graph.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      Optional<Resource> profile = tx.find(TYPE, task.payload().path(ResourceTasks.ID).asText()).filter(ProfileStates::active);
      profile.ifPresent(p -> {
        if (firstExpiry(tx, p).isAfter(graph.now())) {
          watch(tx, p);
        } else {
          invalidate(tx, p);
        }
      });
      return null;
    });
  }

  private void invalidateHolding(StoreTx tx, String relationship, Resource held) {
    String storage = graph.relationship(TYPE, relationship).storage();
    SigningReads.all(tx, TYPE).stream().filter(ProfileStates::active)
        .filter(p -> tx.linked(TYPE, p.id(), storage).stream().anyMatch(l -> l.id().equals(held.id())))
        .forEach(p -> invalidate(tx, p));
  }

  private void invalidate(StoreTx tx, Resource profile) {
    graph.services().rules().move(tx, profile, "profileState", "INVALID");
    tasks.cancel(tx, CHECK_TASK, profile.id());
  }

  private Instant firstExpiry(StoreTx tx, Resource profile) {
    Instant first = date(profile);
    for (Resource certificate : graph.related(tx, profile, "certificates")) {
      Instant expires = date(certificate);
      if (expires.isBefore(first)) {
        first = expires;
      }
    }
    return first;
  }

  /** No readable date: it never expires [INFER]. */
  private static Instant date(Resource resource) {
    return Graph.dateTime(resource, "expirationDate").orElse(ResourceTasks.LATEST);
  }

  static boolean active(Resource profile) {
    return "ACTIVE".equals(profile.attributes().path("profileState").asText());
  }
}
