package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Team;
import java.io.IOException;
import java.time.Duration;
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

  TestFlightAdmin(TestFlight tf, BetaReview review, BetaFeedback feedback) {
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
      case "GET" -> json(200, describe(settingOf(req)));
      case "PATCH" -> updateSettings(req);
      default -> throw notFound(req);
    };
  }

  private ApiResponse decide(ApiRequest req, String submissionId) {
    String decision = body(req).path("decision").asText("");
    if (!decision.equals("APPROVED") && !decision.equals("REJECTED")) {
      throw invalid("/decision", "decision must be APPROVED or REJECTED");
    }
    String teamId = team(req);
    ObjectNode out = tf.services().store().write(teamId, tx -> {
      Resource submission = tx.find(BetaReview.TYPE, submissionId).orElseThrow(() -> new ApiException(ApiError.of(404, "NOT_FOUND",
          "The specified resource does not exist", "There is no resource of type 'betaAppReviewSubmissions' with id '" + submissionId + "'")));
      Resource decided = review.decide(tx, submission, decision.equals("APPROVED"));
      ObjectNode data = tf.object().put("type", BetaReview.TYPE).put("id", decided.id())
          .put("betaReviewState", decided.attributes().path("betaReviewState").asText());
      tf.relatedOne(tx, decided, "build").flatMap(build -> new BetaDetails(tf).find(tx, build))
          .ifPresent(d -> data.put("externalBuildState", d.attributes().path(BetaDetails.EXTERNAL).asText()));
      ObjectNode doc = tf.object();
      doc.set("data", data);
      return doc;
    });
    return json(200, out);
  }

  private ApiResponse updateSettings(ApiRequest req) {
    JsonNode body = body(req);
    BetaReviewSettings.Setting current = settingOf(req);
    boolean autoApprove = current.autoApprove();
    Duration after = current.autoApproveAfter();
    if (body.has("autoApprove")) {
      if (!body.get("autoApprove").isBoolean()) {
        throw invalid("/autoApprove", "autoApprove must be true or false");
      }
      autoApprove = body.get("autoApprove").asBoolean();
    }
    if (body.has("autoApproveAfterHours")) {
      JsonNode hours = body.get("autoApproveAfterHours");
      if (!hours.canConvertToExactIntegral() || hours.asLong() < 0) {
        throw invalid("/autoApproveAfterHours", "autoApproveAfterHours must be a whole number ≥ 0");
      }
      after = Duration.ofHours(hours.asLong());
    }
    BetaReviewSettings.Setting setting = new BetaReviewSettings.Setting(autoApprove, after);
    if (req.header("x-braeburn-issuer") == null) {
      tf.settings().setServerDefault(setting);
    } else {
      tf.settings().setTeam(team(req), setting);
    }
    return json(200, describe(setting));
  }

  private ApiResponse betaFeedback(ApiRequest req) {
    if (!req.method().equals("POST") || !req.path().equals(PREFIX + "betaFeedback")) {
      throw notFound(req);
    }
    JsonNode body = body(req);
    BetaFeedback.Kind kind = switch (body.path("type").asText("")) {
      case "screenshot" -> BetaFeedback.Kind.SCREENSHOT;
      case "crash" -> BetaFeedback.Kind.CRASH;
      default -> throw invalid("/type", "type must be screenshot or crash");
    };
    String buildId = required(body, "buildId");
    String testerId = required(body, "testerId");
    String comment = body.hasNonNull("comment") ? body.get("comment").asText() : null;
    ObjectNode out = tf.services().store().write(team(req), tx -> {
      Resource created = feedback.submit(tx, kind, buildId, testerId, comment);
      ObjectNode doc = tf.object();
      doc.putObject("data").put("type", created.type()).put("id", created.id());
      return doc;
    });
    return json(201, out);
  }

  private BetaReviewSettings.Setting settingOf(ApiRequest req) {
    return req.header("x-braeburn-issuer") == null ? tf.settings().serverDefault() : tf.settings().of(team(req));
  }

  private ObjectNode describe(BetaReviewSettings.Setting setting) {
    return tf.object().put("autoApprove", setting.autoApprove()).put("autoApproveAfterHours", setting.autoApproveAfter().toHours())
        .put("reviewStartsAfterHours", BetaReviewSettings.REVIEW_STARTS_AFTER.toHours());
  }

  private String team(ApiRequest req) {
    String issuer = req.header("x-braeburn-issuer");
    if (issuer == null) {
      return tf.services().store().teams().stream().findFirst().map(Team::issuerId)
          .orElseThrow(() -> invalid("/issuerId", "there is no team yet; POST /_braeburn/teams first"));
    }
    return tf.services().store().team(issuer).map(Team::issuerId).orElseThrow(() -> new ApiException(
        ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", "There is no team with issuer ID '" + issuer + "'")));
  }

  private JsonNode body(ApiRequest req) {
    if (!req.hasBody()) {
      return tf.object();
    }
    try {
      JsonNode node = tf.services().mapper().readTree(req.body());
      if (node == null || !node.isObject()) {
        throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "The body must be a JSON object"));
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "JSON processing failed"));
    }
  }

  private static String required(JsonNode body, String field) {
    if (!body.path(field).isTextual() || body.get(field).asText().isBlank()) {
      throw invalid("/" + field, field + " is required");
    }
    return body.get(field).asText();
  }

  private ApiResponse json(int status, ObjectNode body) {
    try {
      return ApiResponse.json(status, tf.services().mapper().writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail).pointer(pointer));
  }

  private static ApiException notFound(ApiRequest req) {
    return new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
  }
}
