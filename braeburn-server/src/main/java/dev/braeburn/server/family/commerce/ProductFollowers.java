package dev.braeburn.server.family.commerce;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rides with a product's review: its promotional images ({@code inAppPurchaseImages},
 * {@code subscriptionImages}: state AWAITING_UPLOAD … PREPARE_FOR_SUBMISSION, WAITING_FOR_REVIEW,
 * APPROVED, REJECTED — the spec's enum) and its promoted purchase ({@code promotedPurchases}:
 * PREPARE_FOR_SUBMISSION, IN_REVIEW, APPROVED, REJECTED). Apple reviews an image and a promotion
 * with the product (App Store Connect reviews the promotional image with the in-app purchase; how
 * each follower's state moves is inferred [INFER]). {@link ProductStates#move} calls
 * {@link #follow} after every product move; each follower moves only through its type-rules
 * machine, and only from the states listed here.
 */
final class ProductFollowers {
  static final Set<String> IMAGES = Set.of("inAppPurchaseImages", "subscriptionImages");
  static final String PROMOTED = "promotedPurchases";
  /** Product's new state → (image state → image's next state). */
  private static final Map<String, Map<String, String>> IMAGE_MOVES = Map.of(
      "WAITING_FOR_REVIEW", Map.of("PREPARE_FOR_SUBMISSION", "WAITING_FOR_REVIEW", "REJECTED", "WAITING_FOR_REVIEW"),
      "APPROVED", Map.of("WAITING_FOR_REVIEW", "APPROVED"),
      "REJECTED", Map.of("WAITING_FOR_REVIEW", "REJECTED"),
      "DEVELOPER_ACTION_NEEDED", Map.of("WAITING_FOR_REVIEW", "REJECTED"),
      "READY_TO_SUBMIT", Map.of("WAITING_FOR_REVIEW", "PREPARE_FOR_SUBMISSION"));
  /** Product's new state → (promoted purchase state → its next state); the spec's enum has no waiting state, so waiting is IN_REVIEW. */
  private static final Map<String, Map<String, String>> PROMOTION_MOVES = Map.of(
      "WAITING_FOR_REVIEW", Map.of("PREPARE_FOR_SUBMISSION", "IN_REVIEW", "REJECTED", "IN_REVIEW"),
      "APPROVED", Map.of("IN_REVIEW", "APPROVED", "PREPARE_FOR_SUBMISSION", "APPROVED"),
      "REJECTED", Map.of("IN_REVIEW", "REJECTED"),
      "DEVELOPER_ACTION_NEEDED", Map.of("IN_REVIEW", "REJECTED"),
      "READY_TO_SUBMIT", Map.of("IN_REVIEW", "PREPARE_FOR_SUBMISSION"));

  private final Commerce commerce;

  ProductFollowers(Commerce commerce) {
    this.commerce = commerce;
  }

  /** The product moved to {@code state}: its images and promoted purchase follow. */
  void follow(StoreTx tx, Resource product, String state) {
    images(tx, product).forEach(image -> step(tx, image, IMAGE_MOVES.getOrDefault(state, Map.of())));
    promotion(tx, product).ifPresent(p -> step(tx, p, PROMOTION_MOVES.getOrDefault(state, Map.of())));
  }

  /**
   * A new promoted purchase starts where its product's review is [INFER]: APPROVED when the product
   * is on sale already (APPROVED, DEVELOPER_REMOVED_FROM_SALE), IN_REVIEW while the product waits for
   * or is in review, else PREPARE_FOR_SUBMISSION (the table's initial value).
   */
  void start(StoreTx tx, Resource promoted, Resource product) {
    String state = Commerce.state(product);
    String to = switch (state) {
      case "APPROVED", "DEVELOPER_REMOVED_FROM_SALE", "REMOVED_FROM_SALE" -> "APPROVED";
      case "WAITING_FOR_REVIEW", "IN_REVIEW" -> "IN_REVIEW";
      default -> null;
    };
    if (to != null) {
      commerce.services().rules().move(tx, promoted, "state", to);
    }
  }

  private void step(StoreTx tx, Resource follower, Map<String, String> moves) {
    String to = moves.get(Commerce.state(follower));
    if (to != null) {
      commerce.services().rules().move(tx, follower, "state", to);
    }
  }

  /** Every promotional image of a product: its own (v1) and its versions' (v2). */
  List<Resource> images(StoreTx tx, Resource product) {
    List<Resource> out = new ArrayList<>(commerce.graph().related(tx, product, "images"));
    for (Resource version : commerce.graph().related(tx, product, "versions")) {
      for (String name : List.of("images", "image")) { // the spec names both; a v2 image's inverse is the to-one
        commerce.graph().related(tx, version, name).stream().filter(i -> out.stream().noneMatch(o -> o.id().equals(i.id()))).forEach(out::add);
      }
    }
    return out;
  }

  java.util.Optional<Resource> promotion(StoreTx tx, Resource product) {
    return commerce.graph().relatedOne(tx, product, "promotedPurchase");
  }
}
