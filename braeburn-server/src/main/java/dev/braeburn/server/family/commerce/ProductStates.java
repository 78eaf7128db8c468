package dev.braeburn.server.family.commerce;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Set;

/**
 * The one way a product's {@code state} changes: through the type rules' machine
 * ({@code inAppPurchases}/{@code subscriptions} rows of type-rules.json). {@link #refresh} is what
 * every write that may complete or break a product's metadata calls, in its own transaction:
 * the commerce family's writes, and the pricing family's after a price is set.
 */
public final class ProductStates {
  /** States whose product is still being prepared (or fixed after review): metadata decides between them [INFER for the last two]. */
  static final Set<String> PREPARING = Set.of("MISSING_METADATA", "READY_TO_SUBMIT", "REJECTED", "DEVELOPER_ACTION_NEEDED");

  /** A hosted product's states while its metadata is complete and its content is not ready (HostedContent). */
  static final Set<String> CONTENT = Set.of("WAITING_FOR_UPLOAD", "PROCESSING_CONTENT");

  private final Commerce commerce;
  private final ProductReadiness readiness;
  private final ProductFollowers followers;
  private final HostedContent content;

  ProductStates(Commerce commerce, ProductReadiness readiness, ProductFollowers followers, HostedContent content) {
    this.commerce = commerce;
    this.readiness = readiness;
    this.followers = followers;
    this.content = content;
  }

  /**
   * After a write that may change whether {@code product} (an in-app purchase or a subscription;
   * anything else is ignored) has complete metadata: MISSING_METADATA → READY_TO_SUBMIT when
   * nothing is missing, back when something is; a rejected product fixed is ready again [INFER]; a
   * product hosting content not yet uploaded or processed is WAITING_FOR_UPLOAD or
   * PROCESSING_CONTENT instead of READY_TO_SUBMIT ({@link HostedContent}).
   * A product waiting for, in or past review is left alone. Returns the product as stored.
   */
  public Resource refresh(StoreTx tx, Resource product) {
    if (!product.type().equals(Commerce.IAP) && !product.type().equals(Commerce.SUBSCRIPTION)) {
      return product;
    }
    Resource stored = tx.find(product.type(), product.id()).orElse(null);
    if (stored == null || !(PREPARING.contains(Commerce.state(stored)) || CONTENT.contains(Commerce.state(stored)))) {
      return stored == null ? product : stored;
    }
    boolean complete = readiness.missing(tx, stored).isEmpty();
    return move(tx, stored, complete ? content.readyState(tx, stored) : "MISSING_METADATA");
  }

  /**
   * A new availability of an approved product: no territory takes it off sale
   * (DEVELOPER_REMOVED_FROM_SALE), territories put it back (APPROVED) — Apple's help: a product is
   * removed from sale by making it available nowhere [INFER: that the API's availability does it].
   */
  Resource sale(StoreTx tx, Resource product, boolean onSale) {
    String state = Commerce.state(product);
    if (!onSale && state.equals("APPROVED")) {
      return move(tx, product, "DEVELOPER_REMOVED_FROM_SALE");
    }
    if (onSale && state.equals("DEVELOPER_REMOVED_FROM_SALE")) {
      return move(tx, product, "APPROVED");
    }
    return product;
  }

  /**
   * Moves the product to {@code to} (nothing when there); a move the table does not list is a
   * server bug. Its promotional images and promoted purchase follow ({@link ProductFollowers}).
   */
  Resource move(StoreTx tx, Resource product, String to) {
    if (to.equals(Commerce.state(product))) {
      return product;
    }
    Resource moved = commerce.services().rules().move(tx, product, "state", to);
    followers.follow(tx, moved, to);
    return moved;
  }
}
