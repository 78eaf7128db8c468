package dev.braeburn.server.family.testflight;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * A build's {@code buildBetaDetails}: its internal and external TestFlight states (protocol.md
 * §7.1). Every change of the external state is announced as {@code
 * BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED} (reports-webhooks.md §4.3) inside the
 * transaction that makes it, so a webhook hears of exactly the changes that commit.
 */
final class BetaDetails {
  static final String INTERNAL = "internalBuildState";
  static final String EXTERNAL = "externalBuildState";

  private final TestFlight tf;

  BetaDetails(TestFlight tf) {
    this.tf = tf;
  }

  /** The build's beta detail; one is made (id = the build's, as Apple's are) if an admin-loaded build has none. */
  Resource of(StoreTx tx, Resource build) {
    return tf.relatedOne(tx, build, "buildBetaDetail").orElseGet(() -> {
      Resource detail = tx.find("buildBetaDetails", build.id())
          .orElseGet(() -> tx.insert("buildBetaDetails", build.id(), tf.object().put("autoNotifyEnabled", false)));
      tf.link(tx, build, "buildBetaDetail", detail);
      return detail;
    });
  }

  /** The build's beta detail without making one: for read transactions. */
  java.util.Optional<Resource> find(StoreTx tx, Resource build) {
    return tf.relatedOne(tx, build, "buildBetaDetail").or(() -> tx.find("buildBetaDetails", build.id()));
  }

  String internal(StoreTx tx, Resource build) {
    return of(tx, build).attributes().path(INTERNAL).asText(null);
  }

  String external(StoreTx tx, Resource build) {
    return of(tx, build).attributes().path(EXTERNAL).asText(null);
  }

  void setInternal(StoreTx tx, Resource build, String state) {
    Resource detail = of(tx, build);
    if (!state.equals(detail.attributes().path(INTERNAL).asText(null))) {
      tf.update(tx, detail, tf.object().put(INTERNAL, state));
    }
  }

  /** Moves the external state and announces it; nothing happens (and nothing is sent) when it is already there. */
  void setExternal(StoreTx tx, Resource build, String state) {
    Resource detail = of(tx, build);
    String old = detail.attributes().path(EXTERNAL).asText(null);
    if (state.equals(old)) {
      return;
    }
    tf.update(tx, detail, tf.object().put(EXTERNAL, state));
    tf.events().externalBuildStateChanged(tx, Builds.appId(tf, tx, build), detail.id(), old, state);
  }
}
