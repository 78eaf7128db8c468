package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreEnvironment;

/**
 * One charge to record as a transaction: what was bought, by whom, where, at what price, and —
 * for a subscription — which chain it continues and until when it runs.
 */
record Sale(Resource app, StoreEnvironment environment, String customer, Catalogue.Product product, String storefront,
    String storefrontId, long price, String currency, int quantity, String appAccountToken, String appTransactionId,
    String originalTransactionId, Long originalPurchaseDate, long purchaseDate, String reason, Long expiresDate, ObjectNode offer) {

  /** The stored transaction (server-api.md §3.3 fields in the order real payloads show them, plus bookkeeping). */
  ObjectNode attributes(ObjectNode out, String transactionId, String webOrderLineItemId, long sequence) {
    out.put("transactionId", transactionId)
        .put("originalTransactionId", originalTransactionId == null ? transactionId : originalTransactionId);
    if (webOrderLineItemId != null) {
      out.put("webOrderLineItemId", webOrderLineItemId);
    }
    out.put("bundleId", app.attributes().path("bundleId").asText()).put("productId", product.productId());
    if (product.group() != null) {
      out.put("subscriptionGroupIdentifier", product.group());
    }
    out.put("purchaseDate", purchaseDate).put("originalPurchaseDate", originalPurchaseDate == null ? purchaseDate : originalPurchaseDate);
    if (expiresDate != null) {
      out.put("expiresDate", expiresDate);
    }
    out.put("quantity", quantity).put("type", product.type());
    if (appAccountToken != null) {
      out.put("appAccountToken", appAccountToken);
    }
    out.put("inAppOwnershipType", "PURCHASED").put("environment", environment.wire()).put("transactionReason", reason)
        .put("storefront", storefront).put("storefrontId", storefrontId).put("price", price).put("currency", currency)
        .put("appTransactionId", appTransactionId);
    if (offer != null) {
      out.setAll(offer);
    }
    return out.put("appId", app.id()).put("customer", customer).put("modifiedDate", purchaseDate).put("finished", false)
        .putNull("consumption").put("orderId", Ledger.newOrderId()).put("sequence", sequence);
  }

  Sale renewal(long at, long until, String reason, long newPrice) {
    return new Sale(app, environment, customer, product, storefront, storefrontId, newPrice, currency, quantity, appAccountToken,
        appTransactionId, originalTransactionId, originalPurchaseDate, at, reason, until, null);
  }
}
