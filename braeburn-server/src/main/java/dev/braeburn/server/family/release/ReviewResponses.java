package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Developer responses to customer reviews (review-pipeline.md §6): {@code POST
 * /v1/customerReviewResponses} creates the one response a review may have, or replaces it (same
 * resource, new text, 201 either way — Apple documents "create or update"); a response is
 * PENDING_PUBLISH until the App Store publishes it {@link #PUBLISH_DELAY} later on the virtual clock
 * ({@value #PUBLISH_TASK}), and a replacement waits again. DELETE, reads and the role rules are
 * generic. Which reviews have a published response ({@code exists[publishedResponse]}) is an
 * internal link {@value #PUBLISHED_LINK} from review to response, kept while the response is
 * PUBLISHED; deleting the response removes it with every other edge.
 */
final class ReviewResponses {
  static final String TYPE = "customerReviewResponses";
  static final String PUBLISH_TASK = "release.customerReviewResponses.publish";
  static final String PUBLISHED_LINK = "publishedResponse";
  /** Apple says only "allow some time"; one report says within about a day [INFER: an hour]. */
  static final Duration PUBLISH_DELAY = Duration.ofHours(1);
  /** Internal attribute (no response schema has it): which replacement a publication task is for. */
  private static final String REVISION = "revision";

  private final Release release;

  ReviewResponses(Release release) {
    this.release = release;
  }

  /** {@code POST /v1/customerReviewResponses}: create or replace, in one transaction. */
  ApiResponse createOrReplace(OperationContext ctx) {
    String reviewId = ctx.body().relationships().get("review").path("id").asText();
    String text = ctx.body().attributes().path("responseBody").asText();
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource review = tx.find(ReviewArrivals.TYPE, reviewId).orElseThrow(() -> new ApiException(
          List.of(Errors.relationshipTargetMissing(ReviewArrivals.TYPE, reviewId, "/data/relationships/review/data")),
          "There is no customer review '" + reviewId + "' in this team; list an app's reviews with GET /v1/apps/{id}/customerReviews."));
      Instant now = release.graph().now();
      Resource existing = release.graph().relatedOne(tx, review, "response").orElse(null);
      Resource response = existing == null ? create(ctx, tx, review, text, now) : replace(tx, review, existing, text, now);
      ObjectNode payload = release.graph().object().put("responseId", response.id()).put(REVISION, response.attributes().path(REVISION).asLong());
      release.services().scheduler().schedule(tx, PUBLISH_TASK, now.plus(PUBLISH_DELAY), payload);
      String location = ctx.request().baseUrl() + "/v1/" + TYPE + "/" + response.id();
      return Documents.single(ctx, tx, tx.find(TYPE, response.id()).orElseThrow(), 201).withHeader("Location", location);
    });
  }

  private Resource create(OperationContext ctx, StoreTx tx, Resource review, String text, Instant now) {
    ObjectNode attributes = release.graph().object().put("responseBody", text).put(REVISION, 1);
    String id = release.services().ids().next(TYPE);
    release.services().rules().beforeInsert(TYPE, id, attributes, now); // state PENDING_PUBLISH, lastModifiedDate (type-rules.json)
    Resource response = tx.insert(TYPE, id, attributes);
    release.graph().link(tx, response, "review", review);
    return release.services().rules().afterLink(tx, response);
  }

  /** review-pipeline.md §6: "If a response already exists, this endpoint updates the response by overwriting it." */
  private Resource replace(StoreTx tx, Resource review, Resource existing, String text, Instant now) {
    Resource pending = release.services().rules().move(tx, existing, "state", "PENDING_PUBLISH");
    ObjectNode changes = release.graph().object().put("responseBody", text).put("lastModifiedDate", now.toString())
        .put(REVISION, existing.attributes().path(REVISION).asLong() + 1);
    tx.unlink(review.type(), review.id(), PUBLISHED_LINK, existing.linkage());
    return release.graph().update(tx, pending, changes);
  }

  /** The scheduled publication: only of the revision it was scheduled for, if the response still exists. */
  void runPublish(ScheduledTask task, TaskRun run) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(TYPE, task.payload().path("responseId").asText())
          .filter(r -> r.attributes().path(REVISION).asLong() == task.payload().path(REVISION).asLong())
          .filter(r -> "PENDING_PUBLISH".equals(r.attributes().path("state").asText()))
          .ifPresent(r -> publish(tx, r));
      return null;
    });
  }

  private void publish(StoreTx tx, Resource response) {
    Resource published = release.services().rules().move(tx, response, "state", "PUBLISHED");
    release.graph().relatedOne(tx, published, "review").ifPresent(review -> tx.link(review, PUBLISHED_LINK, published));
  }

  /**
   * For loaded responses (the release family's {@code afterLoad}): a PENDING_PUBLISH one gets its
   * publication scheduled, a PUBLISHED one its internal link, as if written through the API.
   */
  void afterLoad(StoreTx tx, List<Resource> loaded) {
    for (Resource r : loaded) {
      if (!r.type().equals(TYPE)) {
        continue;
      }
      Resource response = tx.find(TYPE, r.id()).orElseThrow();
      String state = response.attributes().path("state").asText("");
      Resource review = release.graph().relatedOne(tx, response, "review").orElse(null);
      if (state.equals("PUBLISHED") && review != null) {
        List<Linkage> linked = tx.linked(review.type(), review.id(), PUBLISHED_LINK);
        if (!linked.contains(response.linkage())) {
          tx.link(review, PUBLISHED_LINK, response);
        }
      } else if (state.equals("PENDING_PUBLISH")) {
        JsonNode revision = response.attributes().get(REVISION);
        release.services().scheduler().schedule(tx, PUBLISH_TASK, release.graph().now().plus(PUBLISH_DELAY),
            release.graph().object().put("responseId", response.id()).put(REVISION, revision == null ? 0 : revision.asLong()));
      }
    }
  }
}
