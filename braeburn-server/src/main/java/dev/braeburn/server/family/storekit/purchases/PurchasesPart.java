package dev.braeburn.server.family.storekit.purchases;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.storekit.ServerNotifications;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The purchase side of the App Store Server API (docs/purchases.md): the purchase simulator and
 * subscription events (admin sections {@code purchases}, {@code subscriptions}), the renewal
 * clock, and the transaction, history, status, refund, order and app-transaction endpoints.
 */
public final class PurchasesPart {
  private PurchasesPart() {}

  /** Installs the part; {@code section} adds an admin section, {@code notifications} is read at each emit. */
  public static void install(FamilyContext context, BiConsumer<String, RequestHandler> section, Supplier<ServerNotifications> notifications) {
    PurchaseContext ctx = PurchaseContext.create(context.services(), notifications);
    AdminJson json = new AdminJson(context.services().mapper());
    Purchases purchases = new Purchases(ctx);
    Lifecycle lifecycle = new Lifecycle(purchases);
    section.accept("purchases", new PurchaseSimulator(purchases, json)::handle);
    section.accept("subscriptions", new SubscriptionAdmin(purchases, lifecycle, json)::handle);
    context.scheduler().register(Purchases.DUE_TASK, lifecycle::runDue);
    TransactionEndpoints transactions = new TransactionEndpoints(ctx);
    transactions.register(context.storeKit());
    new HistoryEndpoints(ctx, transactions).register(context.storeKit());
    new StatusEndpoint(ctx, transactions, new WinBackEligibility(purchases)).register(context.storeKit());
  }
}
