package dev.braeburn.server.family.testflight;

import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Beta testers (protocol.md §7.2): created with groups and/or builds (then invited by e-mail:
 * state INVITED, inviteType EMAIL; without either they wait NOT_INVITED), invited again through
 * {@code betaTesterInvitations}, and shown the builds they can install.
 */
final class BetaTesters {
  private static final int MAX_LIMIT = 200;

  private final TestFlight tf;
  private final Testers testers;
  private final BetaDetails details;

  BetaTesters(TestFlight tf, Testers testers, BetaDetails details) {
    this.tf = tf;
    this.testers = testers;
    this.details = details;
  }

  /** {@code POST /v1/betaTesters}: the generic create, then TestFlight's rules on its groups and builds. */
  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      List<Resource> groups = tf.related(tx, created, "betaGroups");
      List<Resource> builds = tf.related(tx, created, "builds");
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        errors.add(testers.checkGroup(tx, groups.get(i), created, "/data/relationships/betaGroups/data/" + i));
      }
      for (int i = 0; i < builds.size(); i++) {
        errors.add(testers.checkBuild(tx, builds.get(i), "/data/relationships/builds/data/" + i));
      }
      errors.removeIf(Objects::isNull);
      RelationshipTargets.refuseAny(errors);
      groups.forEach(group -> testers.joinGroup(tx, group, created));
      builds.forEach(build -> testers.assignBuild(tx, build, created));
      boolean invited = !groups.isEmpty() || !builds.isEmpty();
      tf.update(tx, created, tf.object().put("inviteType", "EMAIL").put("state", invited ? "INVITED" : "NOT_INVITED"));
    });
  }

  /** {@code POST /v1/betaTesterInvitations}: (re)sends the app's invitation; the tester is INVITED. */
  ApiResponse invite(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, invitation) -> {
      Resource app = tf.relatedOne(tx, invitation, "app").orElse(null);
      tf.relatedOne(tx, invitation, "betaTester").ifPresent(tester -> {
        if (!"INSTALLED".equals(tester.attributes().path("state").asText()) && !"ACCEPTED".equals(tester.attributes().path("state").asText())) {
          tf.update(tx, tester, tf.object().put("state", "INVITED").put("inviteType", "EMAIL"));
        }
        if (app != null) {
          tf.link(tx, tester, "apps", app);
        }
      });
    });
  }

  /**
   * {@code GET /v1/betaTesters/{id}/builds}: what the tester can install — the builds of their
   * groups that are in testing (an internal group with access to all builds: every build of the
   * app ready for internal testing) plus builds assigned to them individually; never an expired or
   * unprocessed build, nothing for a revoked tester. One page (up to {@code limit}), no cursor.
   */
  ApiResponse visibleBuilds(OperationContext ctx) {
    return tf.services().store().read(ctx.teamId(), tx -> {
      Resource tester = GenericReads.existing(tx, "betaTesters", ctx.id());
      Set<String> ids = new LinkedHashSet<>();
      if (!"REVOKED".equals(tester.attributes().path("state").asText())) {
        for (Resource group : tf.related(tx, tester, "betaGroups")) {
          groupBuilds(tx, group).stream().filter(Builds::testable).forEach(b -> ids.add(b.id()));
        }
        tf.related(tx, tester, "builds").stream().filter(Builds::testable).forEach(b -> ids.add(b.id()));
      }
      int limit = ctx.query().limit() == null ? 50 : Math.min(ctx.query().limit(), MAX_LIMIT);
      Page page = ids.isEmpty() ? new Page(List.of(), 0, null)
          : tx.list(new ListSpec("builds", null, List.of(new Condition.IdIn(List.copyOf(ids))), List.of(), null, limit));
      return Documents.page(ctx, tx, new Page(page.items(), page.total(), null), limit);
    });
  }

  private List<Resource> groupBuilds(StoreTx tx, Resource group) {
    List<Resource> out = new ArrayList<>();
    if (GroupBuilds.internal(group)) {
      out.addAll(tf.related(tx, group, "builds"));
      if (group.attributes().path("hasAccessToAllBuilds").asBoolean(false)) {
        tf.relatedOne(tx, group, "app").ifPresent(app -> tf.related(tx, app, "builds").stream()
            .filter(b -> Set.of("READY_FOR_BETA_TESTING", "IN_BETA_TESTING").contains(state(tx, b, BetaDetails.INTERNAL)))
            .forEach(out::add));
      }
    } else {
      tf.related(tx, group, "builds").stream().filter(b -> "IN_BETA_TESTING".equals(state(tx, b, BetaDetails.EXTERNAL))).forEach(out::add);
    }
    return out;
  }

  private String state(StoreTx tx, Resource build, String attribute) {
    return details.find(tx, build).map(d -> d.attributes().path(attribute).asText("")).orElse("");
  }
}
