package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Beta groups: internal (team members, no review needed) or external (anyone, builds approved by
 * Beta App Review). An external group may open a public link, {@code
 * https://testflight.apple.com/join/<8 characters>}, optionally capped at 1 to 10,000 testers.
 * Builds and testers named at creation follow the same rules as adding them later.
 */
final class BetaGroups {
  static final String JOIN_URL = "https://testflight.apple.com/join/";
  /** TestFlight's cap on external testers per app, and so on a public link. */
  static final int MAX_PUBLIC_LINK_LIMIT = 10_000;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final TestFlight tf;
  private final GroupBuilds groupBuilds;
  private final Testers testers;
  private final SecureRandom random = new SecureRandom();

  BetaGroups(TestFlight tf, GroupBuilds groupBuilds, Testers testers) {
    this.tf = tf;
    this.groupBuilds = groupBuilds;
    this.testers = testers;
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      ObjectNode attributes = created.attributes().deepCopy(); // flags start as type-rules.json says
      checkAndLink(attributes);
      Resource group = tf.update(tx, created, attributes);
      joinMembers(tx, group);
    });
  }

  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> checkAndLink(merged));
  }

  /** Public link rules, then the link itself once enabled (kept when disabled, so re-enabling gives the same URL). */
  private void checkAndLink(ObjectNode attributes) {
    List<ApiError> errors = new ArrayList<>();
    boolean internal = attributes.path("isInternalGroup").asBoolean(false);
    boolean linkEnabled = attributes.path("publicLinkEnabled").asBoolean(false);
    if (internal && linkEnabled) {
      errors.add(Errors.attributeInvalid("Public links are available only for external groups.", "/data/attributes/publicLinkEnabled"));
    }
    if (!internal && attributes.path("hasAccessToAllBuilds").asBoolean(false)) {
      errors.add(Errors.attributeInvalid("Only internal groups can have access to all builds.", "/data/attributes/hasAccessToAllBuilds"));
    }
    if (attributes.hasNonNull("publicLinkLimit")) {
      long limit = attributes.get("publicLinkLimit").asLong();
      if (limit < 1 || limit > MAX_PUBLIC_LINK_LIMIT) {
        errors.add(Errors.attributeInvalid("The public link limit must be between 1 and 10,000.", "/data/attributes/publicLinkLimit"));
      }
    } else if (attributes.path("publicLinkLimitEnabled").asBoolean(false)) {
      errors.add(Errors.attributeRequired("publicLinkLimit", "/data/attributes/publicLinkLimit"));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    if (linkEnabled && !attributes.hasNonNull("publicLinkId")) {
      String id = publicLinkId();
      attributes.put("publicLinkId", id);
      attributes.put("publicLink", JOIN_URL + id);
    }
  }

  private void joinMembers(StoreTx tx, Resource group) {
    List<Resource> builds = tf.related(tx, group, "builds");
    List<Resource> members = tf.related(tx, group, "betaTesters");
    List<ApiError> errors = new ArrayList<>();
    for (int i = 0; i < builds.size(); i++) {
      groupBuilds.check(tx, group, builds.get(i), "/data/relationships/builds/data/" + i, errors);
    }
    for (int i = 0; i < members.size(); i++) {
      errors.add(testers.checkGroup(tx, group, members.get(i), "/data/relationships/betaTesters/data/" + i));
    }
    errors.removeIf(Objects::isNull);
    RelationshipTargets.refuseAny(errors);
    builds.forEach(build -> groupBuilds.join(tx, group, build));
    members.forEach(tester -> testers.joinGroup(tx, group, tester));
  }

  private String publicLinkId() {
    StringBuilder id = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
