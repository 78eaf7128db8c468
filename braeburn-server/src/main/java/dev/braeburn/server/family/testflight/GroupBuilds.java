package dev.braeburn.server.family.testflight;

import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds joining beta groups, from either side ({@code POST /v1/betaGroups/{id}/relationships/builds},
 * {@code POST /v1/builds/{id}/relationships/betaGroups}). Only a processed, unexpired build of the
 * group's app may join. An internal group takes any build ready for internal testing; an external
 * group only one Beta App Review approved (§7.2). Joining starts testing: internal state
 * IN_BETA_TESTING, external (announced) IN_BETA_TESTING.
 */
final class GroupBuilds {
  private static final Set<String> INTERNAL_READY = Set.of("READY_FOR_BETA_TESTING", "IN_BETA_TESTING");
  private static final Set<String> EXTERNAL_READY = Set.of("BETA_APPROVED", "IN_BETA_TESTING");

  private final TestFlight tf;
  private final BetaDetails details;
  private final BuildExpiry expiry;

  GroupBuilds(TestFlight tf, BetaDetails details, BuildExpiry expiry) {
    this.tf = tf;
    this.details = details;
    this.expiry = expiry;
  }

  static boolean internal(Resource group) {
    return group.attributes().path("isInternalGroup").asBoolean(false);
  }

  ApiResponse addBuildsToGroup(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource group = GenericReads.existing(tx, "betaGroups", ctx.id());
      List<Resource> builds = RelationshipTargets.of(ctx, tx);
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < builds.size(); i++) {
        check(tx, group, builds.get(i), "/data/" + i, errors);
      }
      RelationshipTargets.refuseAny(errors);
      builds.forEach(build -> join(tx, group, build));
      return ApiResponse.noContent(204);
    });
  }

  ApiResponse addGroupsToBuild(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource build = GenericReads.existing(tx, "builds", ctx.id());
      List<Resource> groups = RelationshipTargets.of(ctx, tx);
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        check(tx, groups.get(i), build, "/data/" + i, errors);
      }
      RelationshipTargets.refuseAny(errors);
      groups.forEach(group -> join(tx, group, build));
      return ApiResponse.noContent(204);
    });
  }

  void check(StoreTx tx, Resource group, Resource build, String pointer, List<ApiError> errors) {
    expiry.sync(tx, build);
    String groupApp = tf.relatedOne(tx, group, "app").map(Resource::id).orElse(null);
    if (!Objects.equals(groupApp, Builds.appId(tf, tx, build))) {
      errors.add(Errors.relationshipInvalid(
          "The build " + Builds.describe(build) + " does not belong to the app of the beta group '" + group.id() + "'.", pointer));
      return;
    }
    if (!Builds.valid(build)) {
      errors.add(TestFlightErrors.buildCannotBeAdded("The build " + Builds.describe(build) + " has not been processed successfully.", pointer));
    } else if (Builds.expired(build)) {
      errors.add(TestFlightErrors.buildCannotBeAdded("The build " + Builds.describe(build) + " has expired.", pointer));
    } else if (internal(group)) {
      String state = details.internal(tx, build);
      if (!INTERNAL_READY.contains(String.valueOf(state))) {
        errors.add(TestFlightErrors.buildCannotBeAdded(
            "The build " + Builds.describe(build) + " is not ready for internal testing (internal build state " + state + ").", pointer));
      }
    } else {
      String state = details.external(tx, build);
      if (!EXTERNAL_READY.contains(String.valueOf(state))) {
        errors.add(TestFlightErrors.buildCannotBeAdded("External groups only take builds approved by Beta App Review; the build "
            + Builds.describe(build) + " is " + state + ". Submit it with POST /v1/betaAppReviewSubmissions first.", pointer));
      }
    }
  }

  void join(StoreTx tx, Resource group, Resource build) {
    tf.link(tx, group, "builds", build);
    if (internal(group)) {
      details.setInternal(tx, build, "IN_BETA_TESTING");
    } else {
      details.setExternal(tx, build, "IN_BETA_TESTING");
    }
    expiry.watch(tx, build);
  }
}
