package dev.braeburn.server.family.storekit;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.storekit.ServerNotifications;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The App Store Server API's family (docs/server-api.md): it serves the endpoints of
 * {@code /inApps/…} through {@link FamilyContext#storeKit()} and owns the admin section
 * {@code /_braeburn/storekit/…}, whose second path segment picks a part ({@code apps} — an app's
 * environment setting; the purchase simulator's {@code purchases} and {@code subscriptions}).
 */
public final class StoreKitFamily implements Family {
  static final String ADMIN_PREFIX = "/_braeburn/storekit/";
  private final Map<String, RequestHandler> sections = new ConcurrentHashMap<>();
  /** What the purchase side announces through; the notifications part installs the real one. */
  private ServerNotifications notifications = ServerNotifications.NONE;

  @Override
  public void install(FamilyContext context) {
    AdminJson json = new AdminJson(context.services().mapper());
    sections.put("apps", new AppSettingsAdmin(context.services(), json)::handle);
    notifications = dev.braeburn.server.family.storekit.notifications.NotificationsPart.install(context, this::section);
    dev.braeburn.server.family.storekit.purchases.PurchasesPart.install(context, this::section, this::notifications);
    dev.braeburn.server.family.storekit.signin.SignInWithApple.install(context, this::section);
    dev.braeburn.server.family.storekit.care.CarePart.install(context, this::section, this::notifications);
    dev.braeburn.server.family.storekit.retention.RetentionMessaging.install(context, this::section);
    // parts, each in its own package: notifications, then purchases (which announce through them), sign-in, retention
  }

  /** Adds an admin section {@code /_braeburn/storekit/{name}/…} (a part's simulator or settings routes). */
  void section(String name, RequestHandler handler) {
    if (sections.putIfAbsent(name, handler) != null) {
      throw new IllegalArgumentException("admin section storekit/" + name + " is taken");
    }
  }

  ServerNotifications notifications() {
    return notifications;
  }

  @Override
  public Map<String, RequestHandler> adminRoutes() {
    return Map.of("storekit", this::admin);
  }

  private ApiResponse admin(ApiRequest req) {
    String rest = req.path().startsWith(ADMIN_PREFIX) ? req.path().substring(ADMIN_PREFIX.length()) : "";
    RequestHandler section = sections.get(rest.split("/", 2)[0]);
    if (section == null) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    return section.handle(req);
  }
}
