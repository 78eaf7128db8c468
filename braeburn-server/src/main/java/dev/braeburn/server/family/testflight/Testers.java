package dev.braeburn.server.family.testflight;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Locale;

/**
 * Rules shared by every way a tester gets a group or a build: internal groups take only members of
 * the team (a {@code users} resource with the tester's e-mail as username — protocol.md §7.2,
 * "Tester(s) cannot be assigned"), individual builds must be testable, and the tester becomes a
 * tester of the app ({@code betaTesters.apps}).
 */
final class Testers {
  private final TestFlight tf;
  private final BuildExpiry expiry;

  Testers(TestFlight tf, BuildExpiry expiry) {
    this.tf = tf;
    this.expiry = expiry;
  }

  /** The refusal for adding {@code tester} to {@code group}, or null when it may join. */
  ApiError checkGroup(StoreTx tx, Resource group, Resource tester, String pointer) {
    if (GroupBuilds.internal(group) && !isTeamUser(tx, tester)) {
      return TestFlightErrors.testersCannotBeAssigned(pointer);
    }
    return null;
  }

  /** The refusal for assigning {@code build} to a tester individually, or null. */
  ApiError checkBuild(StoreTx tx, Resource build, String pointer) {
    expiry.sync(tx, build);
    if (!Builds.valid(build)) {
      return TestFlightErrors.buildCannotBeAdded("The build " + Builds.describe(build) + " has not been processed successfully.", pointer);
    }
    if (Builds.expired(build)) {
      return TestFlightErrors.buildCannotBeAdded("The build " + Builds.describe(build) + " has expired.", pointer);
    }
    return null;
  }

  void joinGroup(StoreTx tx, Resource group, Resource tester) {
    tf.link(tx, group, "betaTesters", tester);
    tf.relatedOne(tx, group, "app").ifPresent(app -> tf.link(tx, tester, "apps", app));
  }

  void assignBuild(StoreTx tx, Resource build, Resource tester) {
    tf.link(tx, tester, "builds", build);
    Builds.app(tf, tx, build).ifPresent(app -> tf.link(tx, tester, "apps", app));
    expiry.watch(tx, build);
  }

  boolean isTeamUser(StoreTx tx, Resource tester) {
    String email = tester.attributes().path("email").asText("");
    if (email.isBlank()) {
      return false;
    }
    List<String> spellings = List.of(email, email.toLowerCase(Locale.ROOT));
    var users = tx.list(new ListSpec("users", null, List.of(new Condition.AttributeIn("username", ValueKind.STRING, spellings)), List.of(), null, 1));
    return !users.items().isEmpty();
  }
}
