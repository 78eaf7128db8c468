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
import java.util.Map;

/**
 * TestFlight's part of the admin API — what Apple's reviewers and testers' devices do:
 *
 * <ul>
 *   <li>{@code POST /_braeburn/betaReviews/{submissionId}} {@code {"decision":"APPROVED"|"REJECTED"}}
 *   <li>{@code GET} / {@code PATCH /_braeburn/betaReviews} {@code {"autoApprove"?, "autoApproveAfterHours"?}}:
 *       the auto-approval setting, of the server or (with {@code X-Braeburn-Issuer}) of one team
 *   <li>{@code POST /_braeburn/betaFeedback} {@code {"type":"screenshot"|"crash","buildId","testerId","comment"?}}
 * </ul>
 *
 * Team-scoped calls take the team from {@code X-Braeburn-Issuer} (default: the first team).
 */
public final class TestFlightAdmin {
  private static final String PREFIX = "/_braeburn/";

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
