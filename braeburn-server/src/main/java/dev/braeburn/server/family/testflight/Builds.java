package dev.braeburn.server.family.testflight;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Optional;

/**
 * What TestFlight reads from a build that the uploads family owns: processing state, expiry and
 * app. TestFlight never changes these; it coordinates by reading them (a build expired by the
 * uploads family's 90-day task is treated as expired here at once).
 */
final class Builds {
  private Builds() {}

  static boolean expired(Resource build) {
    return build.attributes().path("expired").asBoolean(false);
  }

  /** Processing finished successfully (protocol.md §7.1: only VALID builds can be tested). */
  static boolean valid(Resource build) {
    return "VALID".equals(build.attributes().path("processingState").asText(null));
  }

  static boolean testable(Resource build) {
    return valid(build) && !expired(build);
  }

  static Optional<Resource> app(TestFlight tf, StoreTx tx, Resource build) {
    return tf.relatedOne(tx, build, "app");
  }

  static String appId(TestFlight tf, StoreTx tx, Resource build) {
    return app(tf, tx, build).map(Resource::id).orElse(null);
  }

  /** "405 (2e5b…)" for error details. */
  static String describe(Resource build) {
    String version = build.attributes().path("version").asText(null);
    return version == null ? "'" + build.id() + "'" : "'" + version + "' (" + build.id() + ")";
  }
}
