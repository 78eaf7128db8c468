package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;

/**
 * The app transaction: one {@code appTransactionId} per Apple Account and app (server-api.md §3.5,
 * D:get-app-transaction-info), here per customer, app and environment, created with the
 * customer's first purchase [INFER: Apple creates it when the app is first downloaded].
 */
final class AppTransactions {
  private AppTransactions() {}

  static Resource ensure(PurchaseContext ctx, StoreTx tx, Resource app, String customer, StoreEnvironment environment) {
    for (Resource r : Ledger.list(tx, Ledger.APP_TRANSACTIONS, "customer", customer)) {
      if (r.attributes().path("appId").asText().equals(app.id()) && r.attributes().path("receiptType").asText().equals(environment.wire())) {
        return r;
      }
    }
    long now = ctx.nowMillis();
    String id = Ledger.newId(tx, Ledger.APP_TRANSACTIONS);
    ObjectNode a = ctx.object().put("receiptType", environment.wire()).put("appAppleId", Long.parseLong(app.id()))
        .put("bundleId", app.attributes().path("bundleId").asText())
        // [INFER] sandbox app transactions carry version "1" and external identifier 0 (Apple's fixture shows the fields only)
        .put("applicationVersion", "1").put("versionExternalIdentifier", 0).put("receiptCreationDate", now)
        .put("originalPurchaseDate", now).put("originalApplicationVersion", "1").put("appTransactionId", id)
        .put("originalPlatform", "iOS").put("appId", app.id()).put("customer", customer);
    return tx.insert(Ledger.APP_TRANSACTIONS, id, a);
  }

  /** The signed AppTransaction: the record without bookkeeping; the receipt is created now (§3.5). */
  static ObjectNode decoded(PurchaseContext ctx, Resource appTransaction) {
    ObjectNode out = appTransaction.attributes().deepCopy();
    out.remove(java.util.List.of("appId", "customer"));
    return out.put("receiptCreationDate", ctx.nowMillis());
  }
}
