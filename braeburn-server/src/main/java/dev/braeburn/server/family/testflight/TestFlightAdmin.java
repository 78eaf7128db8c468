package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Map;

/**
 * TestFlight's part of the admin API — what Apple's reviewers and testers' devices do:
 *
 * <ul>
 *   <li>{@code POST /_braeburn/betaReviews/{submissionId}} {@code {"decision":"APPROVED"|"REJECTED"}}
 *   <li>{@code GET /_braeburn/betaReviews/pending}: the submissions waiting for or in review, oldest first
 *   <li>{@code GET} / {@code PATCH /_braeburn/betaReviews} {@code {"autoApprove"?, "autoApproveAfterHours"?}}:
 *       the auto-approval setting, of the server or (with {@code X-Braeburn-Issuer}) of one team
 *   <li>{@code POST /_braeburn/betaFeedback} {@code {"type":"screenshot"|"crash","buildId","testerId","comment"?}}
 * </ul>
 *
 * Team-scoped calls take the team from {@code X-Braeburn-Issuer} (default: the first team).
 */
public final class TestFlightAdmin {
  private static final String PREFIX = "/_braeburn/";
  /** Pending reviews are few (one build per version at a time); a bound all the same. */
  private static final int MAX_PENDING = 10_000;

  private final TestFlight tf;
  private final BetaReview review;
  private final BetaFeedback feedback;
  private final AdminJson json;

  TestFlightAdmin(TestFlight tf, BetaReview review, BetaFeedback feedback) {
    this.json = new AdminJson(tf.services().mapper());
    this.tf = tf;
    this.review = review;
    this.feedback = feedback;
  }

  /** Admin routes by first path segment, for {@code AdminApi}. */
  public Map<String, RequestHandler> routes() {
    return Map.of("betaReviews", this::betaReviews, "betaFeedback", this::betaFeedback);
  }

  private ApiResponse betaReviews(ApiRequest req) {
    String[] segments = req.path().substring(PREFIX.length()).split("/", 2);
    String id = segments.length > 1 && !segments[1].isEmpty() ? segments[1] : null;
    return switch (req.method() + (id == null ? "" : " {id}")) {
      case "GET {id}" -> {
        if (!id.equals("pending")) {
          throw notFound(req);
        }
        yield pending(req);
      }
      case "POST {id}" -> decide(req, id);
      case "GET", "PATCH" -> tf.settings().handle(req, json, tf.services().store());
      default -> throw notFound(req);
    };
  }

  private ApiResponse decide(ApiRequest req, String submissionId) {
    String decision = json.body(req).path("decision").asText("");
    if (!decision.equals("APPROVED") && !decision.equals("REJECTED")) {
      throw AdminJson.invalid("/decision", "decision must be APPROVED or REJECTED");
    }
    String teamId = AdminJson.team(tf.services().store(), req);
    ObjectNode out = tf.services().store().write(teamId, tx -> {
      Resource submission = tx.find(BetaReview.TYPE, submissionId).orElseThrow(() -> AdminJson.notFound(
          "There is no resource of type 'betaAppReviewSubmissions' with id '" + submissionId + "'"));
      Resource decided = review.decide(tx, submission, decision.equals("APPROVED"));
      ObjectNode data = tf.object().put("type", BetaReview.TYPE).put("id", decided.id())
          .put("betaReviewState", decided.attributes().path("betaReviewState").asText());
      tf.relatedOne(tx, decided, "build").flatMap(build -> new BetaDetails(tf).find(tx, build))
          .ifPresent(d -> data.put("externalBuildState", d.attributes().path(BetaDetails.EXTERNAL).asText()));
      ObjectNode doc = tf.object();
      doc.set("data", data);
      return doc;
    });
    return json.json(200, out);
  }

  /**
   * The submissions still waiting for a decision: build, app, submitted date and when the review
   * starts and auto-approval decides (the due times of their scheduled tasks; null when none, or when
   * the team has auto-approval off: the task then decides nothing).
   */
  private ApiResponse pending(ApiRequest req) {
    String teamId = AdminJson.team(tf.services().store(), req);
    boolean autoApprove = tf.settings().of(teamId).autoApprove(); // the task does nothing when it runs with auto-approval off
    ObjectNode out = tf.services().store().read(teamId, tx -> {
      ObjectNode doc = tf.object();
      var data = doc.putArray("data");
      var waiting = tx.list(new ListSpec(BetaReview.TYPE, null, List.of(new Condition.AttributeIn("betaReviewState", ValueKind.STRING,
          List.of("WAITING_FOR_REVIEW", "IN_REVIEW"))), List.of(), null, MAX_PENDING)).items();
      for (Resource submission : waiting) {
        ObjectNode entry = data.addObject().put("type", BetaReview.TYPE).put("id", submission.id())
            .put("betaReviewState", submission.attributes().path("betaReviewState").asText())
            .put("submittedDate", submission.attributes().path("submittedDate").asText(null));
        Resource build = tf.relatedOne(tx, submission, "build").orElse(null);
        entry.put("buildId", build == null ? null : build.id())
            .put("buildVersion", build == null ? null : build.attributes().path("version").asText(null));
        Resource app = build == null ? null : Builds.app(tf, tx, build).orElse(null);
        entry.put("appId", app == null ? null : app.id()).put("appName", app == null ? null : app.attributes().path("name").asText(null));
        entry.put("reviewStartsAt", due(tx, BetaReview.START_TASK, submission.id()))
            .put("autoApproveAt", autoApprove ? due(tx, BetaReview.AUTO_DECIDE_TASK, submission.id()) : null);
      }
      return doc;
    });
    return json.json(200, out);
  }

  private static String due(StoreTx tx, String kind, String submissionId) {
    return tx.scheduled(kind).stream().filter(t -> submissionId.equals(t.payload().path("submissionId").asText()))
        .map(t -> t.dueAt()).min(java.util.Comparator.naturalOrder()).map(Object::toString).orElse(null);
  }

  private ApiResponse betaFeedback(ApiRequest req) {
    if (!req.method().equals("POST") || !req.path().equals(PREFIX + "betaFeedback")) {
      throw notFound(req);
    }
    JsonNode body = json.body(req);
    BetaFeedback.Kind kind = switch (body.path("type").asText("")) {
      case "screenshot" -> BetaFeedback.Kind.SCREENSHOT;
      case "crash" -> BetaFeedback.Kind.CRASH;
      default -> throw AdminJson.invalid("/type", "type must be screenshot or crash");
    };
    String buildId = required(body, "buildId");
    String testerId = required(body, "testerId");
    String comment = body.hasNonNull("comment") ? body.get("comment").asText() : null;
    ObjectNode out = tf.services().store().write(AdminJson.team(tf.services().store(), req), tx -> {
      Resource created = feedback.submit(tx, kind, buildId, testerId, comment);
      ObjectNode doc = tf.object();
      doc.putObject("data").put("type", created.type()).put("id", created.id());
      return doc;
    });
    return json.json(201, out);
  }

  private static String required(JsonNode body, String field) {
    if (!body.path(field).isTextual() || body.get(field).asText().isBlank()) {
      throw AdminJson.invalid("/" + field, field + " is required");
    }
    return body.get(field).asText();
  }



  private static ApiException notFound(ApiRequest req) {
    return new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
  }
}
