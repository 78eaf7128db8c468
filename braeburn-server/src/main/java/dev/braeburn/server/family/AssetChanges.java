package dev.braeburn.server.family;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Told, inside the uploads family's writing transaction, that a reservation-style asset (a review
 * screenshot, a promotional image …) was reserved, committed or processed: {@code attributes} are
 * the asset's attributes about to be stored, with {@code assetDeliveryState} already set, and may
 * be changed in place (e.g. a {@code state} of the asset's own). On the reservation it may refuse
 * with an {@link dev.braeburn.server.jsonapi.ApiException}, which rolls the create back. The
 * commerce family takes it to judge products again and move their images (docs/commerce/products.md);
 * the default ignores it.
 */
@FunctionalInterface
public interface AssetChanges {
  AssetChanges NONE = (tx, asset, attributes) -> {};

  void changing(StoreTx tx, Resource asset, ObjectNode attributes);
}
