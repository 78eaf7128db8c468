package dev.braeburn.server.family.release;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.http.RequestHandler;
import java.time.Duration;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The release path (docs/app-review.md): App Store versions and their metadata, review submissions,
 * App Review on the virtual clock, releases (manual, automatic, scheduled, phased) and customer
 * reviews with their responses. Which attribute may change in which state is the type rules'
 * table; this family moves states ({@link VersionStates}) and checks what the table cannot say.
 */
public final class ReleaseFamily implements Family {
  /** review-pipeline.md §4.3: a median of about a day from submission to decision, about 20 h of it waiting [INFER]. */
  private final ReviewSettings settings = new ReviewSettings(Duration.ofHours(24), Duration.ofHours(20));
  private final Map<String, RequestHandler> adminRoutes = new HashMap<>();
  private volatile AppReview review;
  private volatile Releases releases;
  private volatile CustomerReviews customerReviews;
  private final dev.braeburn.server.family.ProductReviewItems products;

  public ReleaseFamily() {
    this(dev.braeburn.server.family.ProductReviewItems.NONE);
  }

  /** With the products that ride in review submissions (the commerce family's). */
  public ReleaseFamily(dev.braeburn.server.family.ProductReviewItems products) {
    this.products = products;
  }

  @Override
  public void install(FamilyContext context) {
    Release release = Release.of(context.services(), context.events(), settings);
    releases = new Releases(release);
    new Versions(release).install(context);
    releases.install(context);
    review = new AppReview(release, releases, products);
    new Submissions(release, review).install(context);
    review.install(context);
    new Metadata(release).install(context);
    customerReviews = new CustomerReviews(release);
    customerReviews.install(context);
    AdminJson json = new AdminJson(context.services().mapper());
    adminRoutes.put("appReviews", req -> review.admin(req, json));
  }

  /**
   * Resources loaded through the admin API or a seed already in flight get the work Apple would
   * have scheduled for them: a submission waiting for or in review its review, an active phased
   * release its days, a version pending a scheduled release its release, a pending response its
   * publication. Runs in the loading transaction.
   */
  @Override
  public void afterLoad(StoreTx tx, List<Resource> loaded) {
    for (Resource resource : loaded) {
      Resource stored = tx.find(resource.type(), resource.id()).orElse(null); // as linked by the load
      if (stored != null && stored.type().equals("reviewSubmissions")) {
        review.adopt(tx, stored);
      } else if (stored != null) {
        releases.adopt(tx, stored);
      }
    }
    customerReviews.afterLoad(tx, loaded);
  }

  /** App Review's switch and delays (the commerce family reviews products on the same). */
  public ReviewSettings reviewSettings() {
    return settings;
  }

  /** {@code /_braeburn/appReviews…}; empty before install. */
  @Override
  public Map<String, RequestHandler> adminRoutes() {
    return Map.copyOf(adminRoutes);
  }
}
