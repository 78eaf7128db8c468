package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import dev.braeburn.server.store.StoreTx;

/**
 * App Review's side of the admin API — what Apple's reviewers do and what no public API can set
 * (docs/app-review.md). Team-scoped calls take the team from {@code X-Braeburn-Issuer} (default:
 * the first team), as TestFlight's do.
 *
 * <ul>
 *   <li>{@code GET}/{@code PATCH /_braeburn/appReviews} {@code {"autoApprove"?, "autoApproveAfterHours"?}}: the setting
 *   <li>{@code GET /_braeburn/appReviews/pending}: every submission WAITING_FOR_REVIEW or IN_REVIEW, as below
 *   <li>{@code GET /_braeburn/appReviews/{reviewSubmissionId}}: state, items, pending review times, rejection reason
 *   <li>{@code POST /_braeburn/appReviews/{reviewSubmissionId}} {@code {"decision":"APPROVED"|"REJECTED","reason"?}}
 *   <li>{@code GET}/{@code PATCH /_braeburn/appReviews/apps/{appId}} {@code {"dataUsagesPublished": true|false}}: App Privacy
 * </ul>
 */
final class ReviewAdmin {
  private static final String PREFIX = "/_braeburn/appReviews";
  private static final int MAX_REASON = 4_000;
  /** Undecided submissions are few (one per platform of an app); a bound all the same. */
  private static final int MAX_PENDING = 10_000;

  private final Release release;
  private final AppReview review;
  private final AppPrivacy privacy;

  ReviewAdmin(Release release, AppReview review, AppPrivacy privacy) {
    this.release = release;
    this.review = review;
    this.privacy = privacy;
  }

  ApiResponse handle(ApiRequest req, AdminJson json) {
    String rest = req.path().substring(PREFIX.length());
    String method = req.method();
    if (rest.isEmpty() && (method.equals("GET") || method.equals("PATCH"))) {
      return release.settings().handle(req, json, release.services().store());
    }
    String[] segments = rest.startsWith("/") ? rest.substring(1).split("/", -1) : new String[0];
    if (segments.length == 2 && segments[0].equals("apps") && !segments[1].isEmpty() && (method.equals("GET") || method.equals("PATCH"))) {
      return appPrivacy(req, json, segments[1]);
    }
    if (segments.length == 1 && segments[0].equals("pending") && method.equals("GET")) {
      return json.json(200, release.services().store().read(team(req), this::pending));
    }
    if (segments.length == 1 && !segments[0].isEmpty() && method.equals("GET")) {
      String id = segments[0];
      return json.json(200, release.services().store().read(team(req), tx -> document(tx, submission(tx, id))));
    }
    if (segments.length == 1 && !segments[0].isEmpty() && method.equals("POST")) {
      return decide(req, json, segments[0]);
    }
    throw new ApiException(Errors.pathError(req.path()));
  }

  private ApiResponse decide(ApiRequest req, AdminJson json, String id) {
    JsonNode body = json.body(req);
    String decision = body.path("decision").asText("");
    if (!decision.equals("APPROVED") && !decision.equals("REJECTED")) {
      throw AdminJson.invalid("/decision", "decision must be APPROVED or REJECTED");
    }
    JsonNode reasonNode = body.path("reason");
    if (!reasonNode.isMissingNode() && !reasonNode.isNull() && (!reasonNode.isTextual() || reasonNode.asText().length() > MAX_REASON)) {
      throw AdminJson.invalid("/reason", "reason must be a text of at most " + MAX_REASON + " characters");
    }
    String reason = reasonNode.isTextual() && decision.equals("REJECTED") ? reasonNode.asText() : null;
    ObjectNode out = release.services().store().write(team(req), tx -> {
      Resource decided = review.decide(tx, submission(tx, id), decision.equals("APPROVED"), reason);
      return document(tx, decided);
    });
    String diagnosis = "App Review " + (decision.equals("APPROVED") ? "approved" : "rejected") + " reviewSubmission " + id
        + (decision.equals("APPROVED") ? "" : "; reason (kept out of the public API, as Apple's Resolution Center is): "
            + (reason == null ? "none given" : reason));
    return json.json(200, out).withHeader(Engine.DIAGNOSIS_HEADER, diagnosis); // the admin API journals it and makes it header-safe
  }

  private ApiResponse appPrivacy(ApiRequest req, AdminJson json, String appId) {
    JsonNode body = req.method().equals("PATCH") ? json.body(req) : null;
    if (body != null && !body.path("dataUsagesPublished").isBoolean()) {
      throw AdminJson.invalid("/dataUsagesPublished", "dataUsagesPublished must be true or false");
    }
    ObjectNode out = release.services().store().write(team(req), tx -> {
      Resource app = tx.find("apps", appId).orElseThrow(() -> AdminJson.notFound("There is no resource of type 'apps' with id '" + appId + "'"));
      if (body != null) {
        app = privacy.set(tx, app, body.get("dataUsagesPublished").asBoolean());
      }
      ObjectNode doc = release.graph().object();
      doc.putObject("data").put("type", "apps").put("id", app.id()).put("dataUsagesPublished", privacy.published(tx, app));
      return doc;
    });
    return json.json(200, out);
  }

  private String team(ApiRequest req) {
    return AdminJson.team(release.services().store(), req);
  }

  private static Resource submission(StoreTx tx, String id) {
    return tx.find(Submissions.TYPE, id)
        .orElseThrow(() -> AdminJson.notFound("There is no resource of type '" + Submissions.TYPE + "' with id '" + id + "'"));
  }

  /** Every submission waiting for a decision, oldest first, each as {@link #document} shows it. */
  private ObjectNode pending(StoreTx tx) {
    ObjectNode doc = release.graph().object();
    ArrayNode data = doc.putArray("data");
    tx.list(new ListSpec(Submissions.TYPE, null, List.of(new Condition.AttributeIn("state", ValueKind.STRING, List.copyOf(AppReview.UNDECIDED))),
        List.of(), null, MAX_PENDING)).items().forEach(s -> data.add(document(tx, s).get("data")));
    return doc;
  }

  /** The submission as App Review sees it: state, items and their targets, pending times, the rejection reason. */
  private ObjectNode document(StoreTx tx, Resource submission) {
    ObjectNode data = release.graph().object().put("type", Submissions.TYPE).put("id", submission.id())
        .put("state", AppReview.state(submission)).put("platform", submission.attributes().path("platform").asText(null))
        .put("appId", release.graph().relatedOne(tx, submission, "app").map(Resource::id).orElse(null))
        .put("appName", release.graph().relatedOne(tx, submission, "app").map(a -> a.attributes().path("name").asText(null)).orElse(null))
        .put("submittedDate", submission.attributes().path("submittedDate").asText(null))
        .put("rejectionReason", submission.attributes().path(AppReview.REASON).asText(null));
    data.setAll(review.pending(tx, submission));
    ArrayNode items = data.putArray("items");
    for (ItemKinds.Item item : review.kinds().items(tx, submission)) {
      ObjectNode entry = items.addObject().put("id", item.resource().id()).put("state", item.state());
      if (item.target() != null) {
        Resource target = tx.find(item.target().type(), item.target().id()).orElse(item.target());
        ObjectNode named = entry.putObject("item").put("relationship", item.kind().relationship()).put("type", target.type())
            .put("id", target.id());
        if (target.type().equals(VersionStates.TYPE)) {
          named.put("appVersionState", VersionStates.state(target)).put("versionString", target.attributes().path("versionString").asText(null));
        }
      }
    }
    ObjectNode doc = release.graph().object();
    doc.set("data", data);
    return doc;
  }
}
