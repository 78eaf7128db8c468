package dev.braeburn.server.family.storekit.retention;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.http.RequestHandler;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * The Retention Messaging part of the App Store Server API family (server-api.md §1.7,
 * docs/server-api.md "Retention Messaging"): images, messages, default messages, the realtime URL
 * and the performance test under {@code /inApps/v1/messaging/…}, kept per app and environment in
 * hidden {@code _skRetention…} types; the admin section {@code retention} decides reviews.
 */
public final class RetentionMessaging {
  private RetentionMessaging() {}

  public static void install(FamilyContext context, BiConsumer<String, RequestHandler> sections) {
    var services = context.services();
    RetentionRules rules = RetentionRules.load(services.mapper());
    RetentionReview review = new RetentionReview(services, rules);
    RetentionParts parts = new RetentionParts(services.store(), services.mapper(), rules, review, services.clock());
    RetentionImages images = new RetentionImages(parts);
    RetentionMessages messages = new RetentionMessages(parts);
    RetentionConfiguration configuration = new RetentionConfiguration(services.store(), services.mapper(), rules);
    CertificateAuthorities authorities = new CertificateAuthorities(services.store(), Clock.systemUTC());
    PerformanceTests tests = new PerformanceTests(services, rules, configuration, authorities::get);
    context.scheduler().register(RetentionReview.KIND, review::run);
    context.scheduler().register(PerformanceTests.KIND, tests::run);
    context.storeKit()
        .register("uploadRetentionImage", images::upload)
        .register("deleteRetentionImage", images::delete)
        .register("getRetentionImageList", images::list)
        .register("uploadRetentionMessage", messages::upload)
        .register("deleteRetentionMessage", messages::delete)
        .register("getRetentionMessageList", messages::list)
        .register("configureDefaultRetentionMessage", configuration::configureDefault)
        .register("deleteDefaultRetentionMessage", configuration::deleteDefault)
        .register("getDefaultRetentionMessage", configuration::getDefault)
        .register("configureRealtimeUrl", configuration::configureRealtimeUrl)
        .register("deleteRealtimeUrl", configuration::deleteRealtimeUrl)
        .register("getRealtimeUrl", configuration::getRealtimeUrl)
        .register("initiatePerformanceTest", tests::initiate)
        .register("getPerformanceTestResults", tests::result);
    sections.accept("retention", new RetentionAdmin(services, new AdminJson(services.mapper()), review)::handle);
  }
}
