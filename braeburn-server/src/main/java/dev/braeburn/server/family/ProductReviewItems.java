package dev.braeburn.server.family;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Set;

/**
 * How products (in-app purchases, subscriptions, subscription groups) ride in an App Store review
 * submission (review-pipeline.md §2.2, §4.1): the commerce family implements it, the release
 * family's review calls it for the {@code reviewSubmissionItems} relationships it names
 * ({@code inAppPurchaseVersion}, {@code subscriptionVersion}, {@code subscriptionGroupVersion}),
 * so App Review decides the products with the version they ride with. {@link #NONE} when the
 * commerce family is absent: the items are carried without state changes.
 */
public interface ProductReviewItems {
  ProductReviewItems NONE = new ProductReviewItems() {
    @Override
    public Set<String> relationships() {
      return Set.of();
    }

    @Override
    public void checkAddable(StoreTx tx, Resource target) {}

    @Override
    public void on(StoreTx tx, String event, Resource target) {}
  };

  /** The {@code reviewSubmissionItems} relationships handled. */
  Set<String> relationships();

  /** Refuses (an {@code ApiException}) adding the product version {@code target} to a draft submission. */
  void checkAddable(StoreTx tx, Resource target);

  /** What happened to the item naming {@code target}: the name of an item event (ADDED, SUBMITTED, REVIEW_STARTED, APPROVED, REJECTED, WITHDRAWN, …). */
  void on(StoreTx tx, String event, Resource target);
}
