package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Feedback a tester sends from the TestFlight app — what Apple's devices create and the API only
 * reads: a screenshot or a crash submission on a build, by a tester, announced as {@code
 * BETA_FEEDBACK_SCREENSHOT_SUBMISSION_CREATED} / {@code BETA_FEEDBACK_CRASH_SUBMISSION_CREATED}
 * (reports-webhooks.md §4.3) in the same transaction.
 */
final class BetaFeedback {
  enum Kind {
    SCREENSHOT("betaFeedbackScreenshotSubmissions", "BETA_FEEDBACK_SCREENSHOT_SUBMISSION_CREATED"),
    CRASH("betaFeedbackCrashSubmissions", "BETA_FEEDBACK_CRASH_SUBMISSION_CREATED");

    final String type;
    final String event;

    Kind(String type, String event) {
      this.type = type;
      this.event = event;
    }
  }

  private final TestFlight tf;

  BetaFeedback(TestFlight tf) {
    this.tf = tf;
  }

  Resource submit(StoreTx tx, Kind kind, String buildId, String testerId, String comment) {
    Resource build = tx.find("builds", buildId).orElseThrow(() -> missing("builds", buildId, "/buildId"));
    Resource tester = tx.find("betaTesters", testerId).orElseThrow(() -> missing("betaTesters", testerId, "/testerId"));
    Resource app = Builds.app(tf, tx, build).orElse(null);
    ObjectNode attributes = deviceAttributes(tester, app);
    if (comment != null) {
      attributes.put("comment", comment);
    }
    if (kind == Kind.SCREENSHOT) {
      attributes.putArray("screenshots").addObject()
          .put("url", "https://testflight.apple.com/feedback/" + tf.services().ids().next(kind.type) + ".png")
          .put("width", 1179).put("height", 2556)
          .put("expirationDate", tf.now().plusSeconds(86_400).toString());
    }
    Resource created = tx.insert(kind.type, tf.services().ids().next(kind.type), attributes);
    tf.link(tx, created, "build", build);
    tf.link(tx, created, "tester", tester);
    if (app != null) {
      // apps.betaFeedback*Submissions has no inverse in the spec: write the app's side too.
      tf.link(tx, app, kind == Kind.SCREENSHOT ? "betaFeedbackScreenshotSubmissions" : "betaFeedbackCrashSubmissions", created);
    }
    tf.events().emit(tx, app == null ? null : app.id(), kind.event, tf.object(), kind.type, created.id());
    return created;
  }

  /** What a device reports alongside the feedback: an iPhone on Wi-Fi, plausible and fixed. */
  private ObjectNode deviceAttributes(Resource tester, Resource app) {
    ObjectNode a = tf.object();
    a.put("createdDate", tf.now().toString());
    if (tester.attributes().hasNonNull("email")) {
      a.put("email", tester.attributes().get("email").asText());
    }
    a.put("deviceModel", "iPhone16,2").put("osVersion", "18.1").put("locale", "en-US").put("timeZone", "America/Los_Angeles")
        .put("architecture", "arm64e").put("connectionType", "WIFI").put("appUptimeInMilliseconds", 734_000)
        .put("diskBytesAvailable", 41_873_530_880L).put("diskBytesTotal", 255_961_743_360L).put("batteryPercentage", 82)
        .put("screenWidthInPoints", 430).put("screenHeightInPoints", 932).put("appPlatform", "IOS").put("devicePlatform", "IOS")
        .put("deviceFamily", "IPHONE");
    JsonNode bundleId = app == null ? null : app.attributes().get("bundleId");
    if (bundleId != null && bundleId.isTextual()) {
      a.put("buildBundleId", bundleId.asText());
    }
    return a;
  }

  private static ApiException missing(String type, String id, String pointer) {
    return new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist",
        "There is no resource of type '" + type + "' with id '" + id + "'").pointer(pointer));
  }
}
