package dev.braeburn.server.family.storekit.signin;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.RequestHandler;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * The Sign in with Apple app-transfer part of the App Store Server API family (server-api.md §5,
 * docs/server-api.md "Sign in with Apple: app transfer"): {@code /auth/token} and
 * {@code /auth/usermigrationinfo} on Braeburn's port, and the simulator's admin section
 * {@code signin} (users, transfers).
 */
public final class SignInWithApple {
  private SignInWithApple() {}

  /** Registers the {@code /auth/} route and hands the admin section to {@code sections} (StoreKitFamily's). */
  public static void install(FamilyContext context, BiConsumer<String, RequestHandler> sections) {
    var services = context.services();
    var mapper = services.mapper();
    SignInUsers users = new SignInUsers(mapper);
    UserMigration migration = new UserMigration(services.store(), mapper, users, services.clock()::instant);
    AuthEndpoints endpoints = new AuthEndpoints(services.store(), new ClientSecrets(services.store(), mapper, Clock.systemUTC()),
        new AccessTokens(mapper), migration, services.clock()::instant, mapper);
    context.routes().registerApple(AuthApi.PREFIX, new AuthApi(endpoints, OAuthRules.load(mapper), context.journal(),
        services.clock()::instant, mapper, context.diagnose()));
    sections.accept("signin", new SignInAdmin(services, new AdminJson(mapper), users)::handle);
  }
}
