package dev.braeburn.server.family;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Told, inside the writing transaction, that something a product's metadata depends on changed (a
 * price schedule or subscription price written): the commerce family re-judges the product's
 * readiness (docs/commerce.md). Families that write such parts take one; the default ignores it.
 */
@FunctionalInterface
public interface ProductChanges {
  ProductChanges NONE = (tx, product) -> {};

  void changed(StoreTx tx, Resource product);
}
