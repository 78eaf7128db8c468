package dev.braeburn.server.family.commerce;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.ProductReviewItems;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What an app sells (docs/commerce/products.md): in-app purchases and subscriptions with their
 * groups, localizations, availability and review screenshots; Apple's identifier rules; the
 * product state machine (type-rules.json) moved by metadata ({@link ProductStates}), submission
 * ({@link ProductSubmissions}), App Review on its own ({@link ProductReview}) or with an app version
 * ({@link RidingProducts}, played by the release family's review submissions).
 */
public final class CommerceFamily implements Family {
  private final Map<String, RequestHandler> adminRoutes = new HashMap<>();
  /** The release family's settings once {@link #reviewSettings(ReviewSettings)} is called; until then one of the same defaults. */
  private volatile ReviewSettings settings = new ReviewSettings(Duration.ofHours(24), Duration.ofHours(20));
  private volatile ProductStates states;
  private volatile RidingProducts riding;
  private volatile ProductImages images;

  /** The riding products the release family's review calls (valid once installed). */
  public ProductReviewItems reviewItems() {
    return new ProductReviewItems() {
      @Override
      public java.util.Set<String> relationships() {
        return java.util.Set.of("inAppPurchaseVersion", "subscriptionVersion", "subscriptionGroupVersion");
      }

      @Override
      public void checkAddable(StoreTx tx, Resource target) {
        riding.checkAddable(tx, target);
      }

      @Override
      public void on(StoreTx tx, String event, Resource target) {
        riding.on(tx, event, target);
      }
    };
  }

  /** App Review's switch and delays, shared with the release family so one admin setting rules both. */
  public CommerceFamily reviewSettings(ReviewSettings shared) {
    this.settings = shared;
    return this;
  }

  /** What the pricing family calls in its write transaction when a product's price changes: its readiness is judged again. */
  public dev.braeburn.server.family.ProductChanges productChanges() {
    return (tx, product) -> states.refresh(tx, product);
  }

  /** What the uploads family calls in its write transaction when a media asset is reserved, committed or processed. */
  public dev.braeburn.server.family.AssetChanges assetChanges() {
    return (tx, asset, attributes) -> {
      if (images != null) {
        images.changing(tx, asset, attributes);
      }
    };
  }

  /** The state mover other families call after a write that may complete a product's metadata (null before install). */
  public ProductStates states() {
    return states;
  }

  @Override
  public void install(FamilyContext context) {
    Commerce commerce = new Commerce(context.services(), new Graph(context.services()), () -> settings);
    ProductReadiness readiness = new ProductReadiness(commerce);
    ProductFollowers followers = new ProductFollowers(commerce);
    HostedContent content = new HostedContent(commerce, new AdminJson(context.services().mapper()));
    states = new ProductStates(commerce, readiness, followers, content);
    content.install(context, states);
    adminRoutes.put("inAppPurchases", content::handle);
    images = new ProductImages(commerce, states, followers);
    images.install(context);
    new PromotedPurchases(commerce, followers).install(context);
    ProductReview review = new ProductReview(commerce, states);
    review.install(context);
    ProductSubmissions submissions = new ProductSubmissions(commerce, readiness, review);
    submissions.install(context);
    riding = new RidingProducts(commerce, states, submissions);
    new Products(commerce, new ProductIds(commerce)).install(context);
    new ProductParts(commerce, states).install(context);
    ProductReviewAdmin admin = new ProductReviewAdmin(commerce, review, new AdminJson(context.services().mapper()));
    adminRoutes.put("productReviews", admin::handle);
  }

  @Override
  public Map<String, RequestHandler> adminRoutes() {
    return Map.copyOf(adminRoutes);
  }
}
