package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModels;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.function.Function;

/**
 * Customer reviews and the developer's responses (review-pipeline.md §6, docs/customer-reviews.md):
 * reviews arrive day by day from the usage model ({@link ReviewArrivals}), written when they are
 * read — through the app's or a version's review list or linkage, or a single review not stored yet
 * — and then served by the generic reads (filters, sort, include, paging); responses are created
 * or replaced and published on the virtual clock ({@link ReviewResponses}).
 */
final class CustomerReviews {
  /** The most apps one read of an unknown review brings up to date. */
  private static final int APPS_PER_LOOKUP = 200;

  private final Release release;
  private final ReviewArrivals arrivals;
  private final ReviewResponses responses;

  CustomerReviews(Release release) {
    this.release = release;
    this.arrivals = new ReviewArrivals(release, new UsageModels(release.services()));
    this.responses = new ReviewResponses(release);
  }

  void install(FamilyContext context) {
    OperationHandler appList = afterArrivals(ctx -> ctx.id(), GenericReads::related);
    OperationHandler versionList = afterArrivals(this::appOfVersion, GenericReads::related);
    context.handlers().register("apps_customerReviews_getToManyRelated", appList)
        .register("apps_customerReviews_getToManyRelationship", afterArrivals(ctx -> ctx.id(), GenericReads::relationshipLinkage))
        .register("appStoreVersions_customerReviews_getToManyRelated", versionList)
        .register("appStoreVersions_customerReviews_getToManyRelationship", afterArrivals(this::appOfVersion, GenericReads::relationshipLinkage))
        .register("customerReviews_getInstance", this::review)
        .register("customerReviewResponses_createInstance", responses::createOrReplace);
    context.scheduler().register(ReviewResponses.PUBLISH_TASK, responses::runPublish);
  }

  /** For the release family's {@code afterLoad}: loaded responses get their publication or published link. */
  void afterLoad(StoreTx tx, List<Resource> loaded) {
    responses.afterLoad(tx, loaded);
  }

  /** Writes the reviews that arrived since the last read of {@code app(ctx)}'s reviews, then reads generically. */
  private OperationHandler afterArrivals(Function<OperationContext, String> app, OperationHandler read) {
    return ctx -> {
      String appId = app.apply(ctx);
      if (appId != null) {
        arrivals.ensure(ctx.teamId(), appId);
      }
      return read.handle(ctx);
    };
  }

  private String appOfVersion(OperationContext ctx) {
    return release.services().store().read(ctx.teamId(), tx -> tx.find(VersionStates.TYPE, ctx.id())
        .flatMap(v -> release.graph().relatedOne(tx, v, "app")).map(Resource::id).orElse(null));
  }

  /** {@code GET /v1/customerReviews/{id}}: a review not stored yet may be one that has arrived since the last list read. */
  private ApiResponse review(OperationContext ctx) {
    boolean stored = release.services().store().read(ctx.teamId(), tx -> tx.find(ReviewArrivals.TYPE, ctx.id()).isPresent());
    if (!stored) {
      List<String> apps = release.services().store().read(ctx.teamId(), tx ->
          tx.list(new ListSpec("apps", null, List.of(), List.of(), null, APPS_PER_LOOKUP)).items().stream().map(Resource::id).toList());
      apps.forEach(appId -> arrivals.ensure(ctx.teamId(), appId));
    }
    return release.services().store().read(ctx.teamId(),
        tx -> Documents.single(ctx, tx, GenericReads.existing(tx, ReviewArrivals.TYPE, ctx.id()), 200));
  }
}
