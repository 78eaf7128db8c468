package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.storekit.StoreKitHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Extend a Subscription Renewal Date, Extend Renewal Dates for All Active Subscribers and Get Status
 * of Renewal Date Extensions (server-api.md §1.3 rows 8–10, §1.6). A mass extension runs as a
 * scheduled task on the virtual clock; its request is kept in {@code _skMassExtensions}.
 */
final class ExtensionEndpoints {
  static final String MASS_TYPE = "_skMassExtensions";
  static final String MASS_TASK = "storekit.massExtension";
  /** Apple takes hours to days (§1.6); Braeburn runs a mass extension one hour after the request [INFER]. */
  static final Duration MASS_DELAY = Duration.ofHours(1);
  static final long INVALID_ORIGINAL_TRANSACTION_ID = 4000008;
  static final long INVALID_PRODUCT_ID = 4000023;
  static final long EMPTY_STOREFRONT_LIST = 4000027;
  static final long INVALID_STOREFRONT = 4000028;
  static final long STATUS_REQUEST_NOT_FOUND = 4040009;
  private final CareContext ctx;
  private final RenewalExtensions extensions;
  private final Graph graph;

  ExtensionEndpoints(CareContext ctx) {
    this.ctx = ctx;
    this.extensions = new RenewalExtensions(ctx);
    this.graph = new Graph(ctx.services());
  }

  void register(StoreKitHandlers handlers) {
    handlers.register("extendSubscriptionRenewalDate", this::single).register("extendRenewalDateForAllActiveSubscribers", this::mass)
        .register("getStatusOfSubscriptionRenewalDateExtensions", this::status);
  }

  private ApiResponse single(StoreKitCall call) {
    String id = call.param("originalTransactionId");
    if (!CallerRecords.numeric(id)) {
      throw new StoreKitException(INVALID_ORIGINAL_TRANSACTION_ID, "'" + id + "' is not an original transaction id: Apple's are numeric strings");
    }
    JsonNode body = call.body();
    RenewalExtensions.checkRequest(body);
    String requestIdentifier = body.path("requestIdentifier").asText();
    return ctx.ok(ctx.services().store().write(call.teamId(), tx -> {
      Resource sub = CallerRecords.subscription(tx, call, id);
      JsonNode earlier = RenewalExtensions.earlier(sub, requestIdentifier);
      if (earlier != null) {
        return extensions.response(id, earlier);
      }
      if (RenewalExtensions.familyShared(tx, sub)) {
        throw new StoreKitException(RenewalExtensions.FAMILY_SHARED_INELIGIBLE, "subscription " + id + " is a family member's:"
            + " extend the purchaser's subscription, family members' are extended with it (§1.6)");
      }
      StoreKitException ineligible = extensions.ineligibility(tx, sub);
      if (ineligible != null) {
        throw ineligible;
      }
      return extensions.extend(tx, sub, body.path("extendByDays").asInt(), body.path("extendReasonCode").asInt(), requestIdentifier);
    }));
  }

  private ApiResponse mass(StoreKitCall call) {
    JsonNode body = call.body();
    RenewalExtensions.checkRequest(body);
    JsonNode storefronts = body.get("storefrontCountryCodes");
    if (storefronts != null && !storefronts.isNull()) {
      if (!storefronts.isArray() || storefronts.isEmpty()) {
        throw new StoreKitException(EMPTY_STOREFRONT_LIST, "storefrontCountryCodes, when sent, lists at least one storefront"
            + " (ISO 3166-1 alpha-3, e.g. \"USA\"); leave it out to extend subscribers in every storefront");
      }
      for (JsonNode code : storefronts) {
        if (!code.isTextual() || !Storefronts.TERRITORIES.contains(code.asText())) {
          throw new StoreKitException(INVALID_STOREFRONT, "storefrontCountryCodes: " + code + " is not an App Store storefront"
              + " (ISO 3166-1 alpha-3, e.g. \"USA\")");
        }
      }
    }
    String productId = body.path("productId").asText("");
    String requestIdentifier = body.path("requestIdentifier").asText();
    return ctx.ok(ctx.services().store().write(call.teamId(), tx -> {
      if (!isSubscription(tx, call.app(), productId)) {
        throw new StoreKitException(INVALID_PRODUCT_ID, "productId '" + productId + "' is not an auto-renewable subscription of app "
            + call.app().id());
      }
      String key = key(call, productId, requestIdentifier);
      if (tx.find(MASS_TYPE, key).isEmpty()) { // reusing the requestIdentifier answers 200 again, without a second run (§1.6)
        ObjectNode record = ctx.object().put("requestIdentifier", requestIdentifier).put("productId", productId)
            .put("appId", call.app().id()).put("environment", call.environment().wire()).put("extendByDays", body.path("extendByDays").asInt())
            .put("extendReasonCode", body.path("extendReasonCode").asInt()).put("requestDate", ctx.nowMillis()).put("complete", false)
            .put("succeededCount", 0).put("failedCount", 0);
        if (storefronts != null && !storefronts.isNull()) {
          record.set("storefrontCountryCodes", storefronts);
        }
        tx.insert(MASS_TYPE, key, record);
        ctx.services().scheduler().schedule(tx, MASS_TASK, ctx.services().clock().instant().plus(MASS_DELAY), ctx.object().put("id", key));
      }
      return ctx.object().put("requestIdentifier", requestIdentifier);
    }));
  }

  private ApiResponse status(StoreKitCall call) {
    String productId = call.param("productId");
    String requestIdentifier = call.param("requestIdentifier");
    if (productId == null || productId.isBlank()) {
      throw new StoreKitException(INVALID_PRODUCT_ID, "the path names no productId");
    }
    if (requestIdentifier == null || requestIdentifier.isBlank() || requestIdentifier.length() > 128) {
      throw new StoreKitException(RenewalExtensions.INVALID_REQUEST_IDENTIFIER, "requestIdentifier must be 1 to 128 characters");
    }
    return ctx.ok(ctx.services().store().read(call.teamId(), tx -> {
      var record = tx.find(MASS_TYPE, key(call, productId, requestIdentifier)).orElseThrow(() -> new StoreKitException(
          STATUS_REQUEST_NOT_FOUND, "no mass renewal-date extension '" + requestIdentifier + "' of product " + productId + " for app "
              + call.app().id() + " in " + call.environment().wire())).attributes();
      ObjectNode out = ctx.object().put("requestIdentifier", requestIdentifier).put("complete", record.path("complete").asBoolean());
      if (record.has("completeDate")) {
        out.put("completeDate", record.path("completeDate").asLong());
      }
      return out.put("succeededCount", record.path("succeededCount").asLong()).put("failedCount", record.path("failedCount").asLong());
    }));
  }

  /** The mass task: every active subscriber of the product (in the storefronts named) extended or failed, then the summary. */
  void run(ScheduledTask task, TaskRun run) {
    ctx.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      Resource request = tx.find(MASS_TYPE, task.payload().path("id").asText()).orElse(null);
      if (request == null || request.attributes().path("complete").asBoolean()) {
        return null;
      }
      var r = request.attributes();
      int succeeded = 0;
      int failed = 0;
      for (Resource sub : PurchaseRecords.list(tx, PurchaseRecords.SUBSCRIPTIONS, "productId", r.path("productId").asText())) {
        if (!subscriberInScope(tx, sub, r) || RenewalExtensions.familyShared(tx, sub)) { // members move with their purchaser
          continue;
        }
        String requestIdentifier = r.path("requestIdentifier").asText();
        StoreKitException ineligible = RenewalExtensions.earlier(sub, requestIdentifier) != null ? null : extensions.ineligibility(tx, sub);
        if (ineligible == null) {
          if (RenewalExtensions.earlier(sub, requestIdentifier) == null) {
            extensions.extend(tx, sub, r.path("extendByDays").asInt(), r.path("extendReasonCode").asInt(), requestIdentifier);
          }
          succeeded++;
        } else {
          failed++; // [INFER] the FAILURE notification carries the subscription's data like RENEWAL_EXTENDED
          ctx.emit(tx, PurchaseRecords.latest(tx, sub.id()).orElseThrow(), sub, "RENEWAL_EXTENSION", "FAILURE", null);
        }
      }
      ObjectNode done = r.deepCopy().put("complete", true).put("completeDate", ctx.nowMillis()).put("succeededCount", succeeded)
          .put("failedCount", failed);
      tx.updateAttributes(request, done);
      summarize(tx, done);
      return null;
    });
  }

  /** An active subscriber (status 1; §1.6: expired, billing retry and grace are not) in the request's app, environment and storefronts. */
  private static boolean subscriberInScope(StoreTx tx, Resource sub, JsonNode request) {
    var a = sub.attributes();
    if (!a.path("appId").asText().equals(request.path("appId").asText()) || !a.path("environment").asText().equals(request
        .path("environment").asText()) || a.path("status").asInt() != 1) {
      return false;
    }
    if (!request.has("storefrontCountryCodes")) {
      return true;
    }
    String storefront = PurchaseRecords.latest(tx, sub.id()).map(t -> t.attributes().path("storefront").asText()).orElse("");
    for (JsonNode code : request.path("storefrontCountryCodes")) {
      if (code.asText().equals(storefront)) {
        return true;
      }
    }
    return false;
  }

  /** RENEWAL_EXTENSION SUMMARY with the summary object (§3.6). */
  private void summarize(StoreTx tx, JsonNode done) {
    Resource app = tx.find("apps", done.path("appId").asText()).orElseThrow();
    StoreEnvironment environment = StoreEnvironment.parse(done.path("environment").asText()).orElseThrow();
    ObjectNode summary = ctx.object().put("environment", environment.wire()).put("appAppleId", Long.parseLong(app.id()))
        .put("bundleId", app.attributes().path("bundleId").asText()).put("productId", done.path("productId").asText())
        .put("requestIdentifier", done.path("requestIdentifier").asText());
    if (done.has("storefrontCountryCodes")) {
      summary.set("storefrontCountryCodes", done.path("storefrontCountryCodes").deepCopy());
    }
    summary.put("succeededCount", done.path("succeededCount").asLong()).put("failedCount", done.path("failedCount").asLong());
    ctx.notifications().get().emit(tx, new ServerNotifications.Notification(app, environment, "RENEWAL_EXTENSION", "SUMMARY", null, null,
        null, summary));
  }

  private boolean isSubscription(StoreTx tx, Resource app, String productId) {
    for (Resource group : graph.related(tx, app, "subscriptionGroups")) {
      for (Resource sub : graph.related(tx, group, "subscriptions")) {
        if (productId.equals(sub.attributes().path("productId").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** One mass request per app, environment, product and request identifier. */
  private static String key(StoreKitCall call, String productId, String requestIdentifier) {
    String name = call.app().id() + "/" + call.environment().wire() + "/" + productId + "/" + requestIdentifier;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
