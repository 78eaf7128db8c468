package dev.braeburn.server.family.commerce;

import dev.braeburn.server.family.ProductReviewItems;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Set;

/**
 * Products riding in an App Store review submission as {@code reviewSubmissionItems} naming a
 * product version — {@code inAppPurchaseVersion}, {@code subscriptionVersion},
 * {@code subscriptionGroupVersion} (the relationship names are recorded, review-pipeline.md §2.3;
 * clients add them beside the app version, rorkai/app-store-connect-cli-skills#55). The release
 * family's App Review moves the items; this moves the products and their versions along: submitted
 * → WAITING_FOR_REVIEW, review started → IN_REVIEW, the submission's decision → APPROVED or
 * REJECTED, withdrawn → READY_TO_SUBMIT. This is how an app's first product is reviewed
 * (§2.2): with the version, decided by the same admin decision or automatic approval.
 */
final class RidingProducts implements ProductReviewItems {
  private final Commerce commerce;
  private final ProductStates states;
  private final ProductSubmissions submissions;

  RidingProducts(Commerce commerce, ProductStates states, ProductSubmissions submissions) {
    this.commerce = commerce;
    this.states = states;
    this.submissions = submissions;
  }

  @Override
  public Set<String> relationships() {
    return Set.of("inAppPurchaseVersion", "subscriptionVersion", "subscriptionGroupVersion");
  }

  /** An in-app purchase or subscription version's product must be complete and not yet submitted; a group version takes its group's. */
  @Override
  public void checkAddable(StoreTx tx, Resource target) {
    if (!target.type().equals("subscriptionGroupVersions")) {
      for (Resource product : products(tx, target)) {
        submissions.checkSubmittable(tx, product);
      }
    }
  }

  @Override
  public void on(StoreTx tx, String event, Resource target) {
    switch (event) {
      case "ADDED", "RESOLVED" -> version(tx, target, "READY_FOR_REVIEW");
      case "REMOVED_FROM_DRAFT" -> version(tx, target, "PREPARE_FOR_SUBMISSION");
      case "SUBMITTED" -> {
        version(tx, target, "WAITING_FOR_REVIEW");
        products(tx, target).stream().map(p -> states.refresh(tx, p)).filter(p -> Commerce.state(p).equals("READY_TO_SUBMIT"))
            .forEach(p -> states.move(tx, p, "WAITING_FOR_REVIEW"));
      }
      case "REVIEW_STARTED" -> {
        version(tx, target, "IN_REVIEW");
        products(tx, target).stream().filter(p -> Commerce.state(p).equals("WAITING_FOR_REVIEW")).forEach(p -> states.move(tx, p, "IN_REVIEW"));
      }
      case "APPROVED", "REJECTED" -> {
        version(tx, target, event);
        products(tx, target).stream().filter(p -> ProductReview.UNDECIDED.contains(Commerce.state(p)))
            .forEach(p -> states.move(tx, states.move(tx, p, "IN_REVIEW"), event));
      }
      case "WITHDRAWN" -> {
        version(tx, target, "DEVELOPER_REJECTED");
        products(tx, target).stream().filter(p -> ProductReview.UNDECIDED.contains(Commerce.state(p)))
            .forEach(p -> states.refresh(tx, states.move(tx, p, "READY_TO_SUBMIT")));
      }
      default -> { }
    }
  }

  /** The products a version names: its in-app purchase or subscription; a group version, its group's subscriptions. */
  private List<Resource> products(StoreTx tx, Resource version) {
    return switch (version.type()) {
      case "inAppPurchaseVersions" -> commerce.graph().relatedOne(tx, version, "inAppPurchase").stream().toList();
      case "subscriptionVersions" -> commerce.graph().relatedOne(tx, version, "subscription").stream().toList();
      case "subscriptionGroupVersions" -> commerce.graph().relatedOne(tx, version, "subscriptionGroup")
          .map(g -> commerce.graph().related(tx, g, "subscriptions")).orElse(List.of());
      default -> List.of();
    };
  }

  /** The version's own {@code state} (spec enum of the product versions; no machine row: it only follows its item). */
  private void version(StoreTx tx, Resource version, String state) {
    tx.find(version.type(), version.id()).ifPresent(v -> commerce.graph().update(tx, v, commerce.graph().object().put("state", state)));
  }
}
