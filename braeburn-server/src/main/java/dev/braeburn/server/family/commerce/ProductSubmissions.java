package dev.braeburn.server.family.commerce;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Submitting products for review on their own: {@code POST /v1/inAppPurchaseSubmissions},
 * {@code /v1/subscriptionSubmissions}, {@code /v1/subscriptionGroupSubmissions} (every subscription
 * of the group ready to submit). Refused when metadata is missing (the §2.1 envelope with what is
 * missing as associated errors [INFER for products]), when the product is not in a state that can
 * be submitted, and for an app's first product of its kind, which must ride with an app version
 * (recorded code {@code STATE_ERROR.FIRST_SUBSCRIPTION_MUST_BE_SUBMITTED_ON_VERSION},
 * rorkai/App-Store-Connect-CLI#1122; review-pipeline.md §2.2).
 */
final class ProductSubmissions {
  /** A product that reached the store once: its app's later products of its kind are reviewed alone. */
  static final Set<String> WAS_APPROVED = Set.of("APPROVED", "DEVELOPER_REMOVED_FROM_SALE", "REMOVED_FROM_SALE");

  private final Commerce commerce;
  private final ProductReadiness readiness;
  private final ProductReview review;

  ProductSubmissions(Commerce commerce, ProductReadiness readiness, ProductReview review) {
    this.commerce = commerce;
    this.readiness = readiness;
    this.review = review;
  }

  void install(FamilyContext context) {
    context.handlers().register("inAppPurchaseSubmissions_createInstance",
            ctx -> GenericWrites.create(ctx, (tx, s) -> submit(tx, commerce.graph().relatedOne(tx, s, "inAppPurchaseV2").orElseThrow())))
        .register("subscriptionSubmissions_createInstance",
            ctx -> GenericWrites.create(ctx, (tx, s) -> submit(tx, commerce.graph().relatedOne(tx, s, "subscription").orElseThrow())))
        .register("subscriptionGroupSubmissions_createInstance",
            ctx -> GenericWrites.create(ctx, (tx, s) -> submitGroup(tx, commerce.graph().relatedOne(tx, s, "subscriptionGroup").orElseThrow())));
  }

  private void submit(StoreTx tx, Resource product) {
    checkSubmittable(tx, product);
    checkNotFirst(tx, product);
    review.submitted(tx, product);
  }

  /** Every subscription of the group that can be submitted; refused as a whole when none can [INFER]. */
  private void submitGroup(StoreTx tx, Resource group) {
    List<Resource> ready = new ArrayList<>();
    Map<String, List<ApiError>> associated = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    for (Resource subscription : commerce.graph().related(tx, group, "subscriptions")) {
      if (!ProductStates.PREPARING.contains(Commerce.state(subscription))) {
        continue; // waiting, in review or approved: not part of this submission
      }
      List<ProductReadiness.Missing> missing = readiness.missing(tx, subscription);
      if (missing.isEmpty()) {
        ready.add(subscription);
      } else {
        ProductReadiness.associated(missing).forEach((k, v) -> associated.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        reasons.add(Commerce.describe(subscription) + ": " + ProductReadiness.reasons(missing));
      }
    }
    if (ready.isEmpty()) {
      throw new ApiException(List.of(CommerceErrors.notInValidState(Commerce.GROUP, group.id(), associated)),
          "Subscription group " + group.id() + " has no subscription ready to submit" + (reasons.isEmpty() ? "." : ": " + String.join("; ", reasons)));
    }
    checkNotFirst(tx, ready.getFirst());
    ready.forEach(s -> review.submitted(tx, s));
  }

  /** Refuses a product App Review does not take: metadata missing, or not in a state that is submitted. */
  void checkSubmittable(StoreTx tx, Resource product) {
    String state = Commerce.state(product);
    if (!ProductStates.PREPARING.contains(state)) {
      throw new ApiException(List.of(CommerceErrors.notSubmittable(product.type(), product.id(), state)), Commerce.describe(product) + " is "
          + state + "; only a product being prepared (MISSING_METADATA with its metadata completed, READY_TO_SUBMIT, or fixed after a rejection) is submitted.");
    }
    List<ProductReadiness.Missing> missing = readiness.missing(tx, product);
    if (!missing.isEmpty()) {
      throw new ApiException(List.of(CommerceErrors.notInValidState(product.type(), product.id(), ProductReadiness.associated(missing))),
          Commerce.describe(product) + " is " + state + " and cannot be reviewed: " + ProductReadiness.reasons(missing)
              + ". (The envelope is Apple's recorded one for versions; for products it and the associated codes are inferred.)");
    }
  }

  /**
   * An app's first product of its kind (no in-app purchase, resp. subscription, ever approved) is
   * reviewed only with an app version. Apple's UI says so per kind ("first in-app purchase",
   * "first subscription"); one client note reads the gate as "no approved product of any kind" —
   * Braeburn follows the per-kind texts [INFER].
   */
  private void checkNotFirst(StoreTx tx, Resource product) {
    Resource app = commerce.app(tx, product).orElseThrow();
    boolean approvedBefore = commerce.products(tx, app).stream().filter(p -> p.type().equals(product.type()))
        .anyMatch(p -> WAS_APPROVED.contains(Commerce.state(p)));
    if (!approvedBefore) {
      String kind = product.type().equals(Commerce.IAP) ? "in-app purchase" : "subscription";
      throw new ApiException(List.of(CommerceErrors.firstMustRideWithVersion(kind)), "App " + app.id() + " has no approved " + kind
          + " yet: its first must be reviewed with an app version (review-pipeline.md §2.2). Create a "
          + (product.type().equals(Commerce.IAP) ? "POST /v1/inAppPurchaseVersions" : "POST /v1/subscriptionVersions")
          + " for it and add it as a reviewSubmissionItem (" + (product.type().equals(Commerce.IAP) ? "inAppPurchaseVersion" : "subscriptionVersion")
          + ") to the review submission of the app version. Title and detail of this refusal are inferred; the code is recorded.");
    }
  }
}
