package dev.braeburn.server.family.testflight;

import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.store.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Testers joining groups and getting builds, from either side of each relationship: {@code
 * /v1/betaGroups/{id}/relationships/betaTesters}, {@code /v1/betaTesters/{id}/relationships/betaGroups},
 * {@code /v1/betaTesters/{id}/relationships/builds}, {@code /v1/builds/{id}/relationships/individualTesters}.
 */
final class TesterGroups {
  private final TestFlight tf;
  private final Testers testers;

  TesterGroups(TestFlight tf, Testers testers) {
    this.tf = tf;
    this.testers = testers;
  }

  ApiResponse addTestersToGroup(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource group = GenericReads.existing(tx, "betaGroups", ctx.id());
      List<Resource> targets = RelationshipTargets.of(ctx, tx);
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        errors.add(testers.checkGroup(tx, group, targets.get(i), "/data/" + i));
      }
      errors.removeIf(Objects::isNull);
      RelationshipTargets.refuseAny(errors);
      targets.forEach(tester -> testers.joinGroup(tx, group, tester));
      return ApiResponse.noContent(204);
    });
  }

  ApiResponse addGroupsToTester(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource tester = GenericReads.existing(tx, "betaTesters", ctx.id());
      List<Resource> groups = RelationshipTargets.of(ctx, tx);
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        errors.add(testers.checkGroup(tx, groups.get(i), tester, "/data/" + i));
      }
      errors.removeIf(Objects::isNull);
      RelationshipTargets.refuseAny(errors);
      groups.forEach(group -> testers.joinGroup(tx, group, tester));
      return ApiResponse.noContent(204);
    });
  }

  ApiResponse addBuildsToTester(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource tester = GenericReads.existing(tx, "betaTesters", ctx.id());
      List<Resource> builds = RelationshipTargets.of(ctx, tx);
      List<ApiError> errors = new ArrayList<>();
      for (int i = 0; i < builds.size(); i++) {
        errors.add(testers.checkBuild(tx, builds.get(i), "/data/" + i));
      }
      errors.removeIf(Objects::isNull);
      RelationshipTargets.refuseAny(errors);
      builds.forEach(build -> testers.assignBuild(tx, build, tester));
      return ApiResponse.noContent(204);
    });
  }

  ApiResponse addTestersToBuild(OperationContext ctx) {
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource build = GenericReads.existing(tx, "builds", ctx.id());
      List<Resource> targets = RelationshipTargets.of(ctx, tx);
      ApiError refusal = testers.checkBuild(tx, build, "/data/0");
      RelationshipTargets.refuseAny(refusal == null ? List.of() : List.of(refusal));
      targets.forEach(tester -> testers.assignBuild(tx, build, tester));
      return ApiResponse.noContent(204);
    });
  }
}
