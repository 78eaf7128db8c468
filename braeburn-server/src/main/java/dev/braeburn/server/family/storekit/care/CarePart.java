package dev.braeburn.server.family.storekit.care;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.storekit.ServerNotifications;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Customer care of the App Store Server API (docs/purchases.md "Refund requests and consumption
 * information", "Renewal-date extensions"): Send Consumption Information v1/v2 and the refund
 * decision after a CONSUMPTION_REQUEST (admin section {@code refundRequests}), and renewal-date
 * extensions, single and mass.
 */
public final class CarePart {
  private CarePart() {}

  public static void install(FamilyContext context, BiConsumer<String, RequestHandler> section, Supplier<ServerNotifications> notifications) {
    CareContext ctx = new CareContext(context.services(), notifications);
    RefundRequests refunds = new RefundRequests(ctx, new AdminJson(context.services().mapper()));
    section.accept("refundRequests", refunds::handle);
    context.scheduler().register(RefundRequests.DECISION_TASK, refunds::decide);
    new ConsumptionEndpoints(ctx).register(context.storeKit());
    ExtensionEndpoints extensions = new ExtensionEndpoints(ctx);
    extensions.register(context.storeKit());
    context.scheduler().register(ExtensionEndpoints.MASS_TASK, extensions::run);
  }
}
