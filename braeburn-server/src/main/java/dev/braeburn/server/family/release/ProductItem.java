package dev.braeburn.server.family.release;

import dev.braeburn.server.family.ProductReviewItems;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/** An item kind naming a product version ({@code inAppPurchaseVersion}, {@code subscriptionVersion}, …), played by the commerce family. */
record ProductItem(String relationship, ProductReviewItems products) implements ItemKind {
  @Override
  public void checkAddable(StoreTx tx, Resource submission, Resource target) {
    products.checkAddable(tx, target);
  }

  @Override
  public void checkSubmittable(StoreTx tx, Resource submission, Resource target) {
    products.checkAddable(tx, target);
  }

  @Override
  public void on(StoreTx tx, Event event, Resource target) {
    products.on(tx, event.name(), target);
  }
}
