package dev.braeburn.server.family.storekit.notifications;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.storekit.ServerNotifications;
import java.util.function.BiConsumer;

/**
 * App Store Server Notifications V2 (docs/server-api.md "Server Notifications V2"): the
 * {@link ServerNotifications} every other part announces through, their delivery on the virtual
 * clock, notification history, test notifications and the admin section {@code notifications}.
 */
public final class NotificationsPart {
  private NotificationsPart() {}

  /** Installs the part and returns the family's notifications; {@code section} adds an admin section. */
  public static ServerNotifications install(FamilyContext context, BiConsumer<String, RequestHandler> section) {
    NotificationContext ctx = NotificationContext.create(context.services());
    NotificationTypes types = NotificationTypes.load(context.services().mapper());
    NotificationRecorder recorder = new NotificationRecorder(ctx);
    context.scheduler().register(NotificationContext.DELIVER_TASK, new NotificationDelivery(ctx, context.receivers()));
    TestNotifications tests = new TestNotifications(ctx, recorder);
    context.storeKit()
        .register("getNotificationHistory", new NotificationHistory(ctx, types)::handle)
        .register("requestTestNotification", tests::request)
        .register("getTestNotificationStatus", tests::status);
    section.accept("notifications", new NotificationsAdmin(ctx, recorder, types)::handle);
    return recorder;
  }
}
