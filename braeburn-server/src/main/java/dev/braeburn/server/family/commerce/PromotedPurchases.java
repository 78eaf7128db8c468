package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Optional;

/**
 * Promoted purchases ({@code POST /v1/promotedPurchases}: an in-app purchase or a subscription of
 * the app shown on its App Store page; {@code visibleForAllUsers}, {@code enabled}; the app's order
 * is {@code PATCH /v1/apps/{id}/relationships/promotedPurchases}, generic). The promotion's state
 * follows its product's review ({@link ProductFollowers}); the initial PREPARE_FOR_SUBMISSION is
 * the table's. Refusals, all inferred in wording [INFER]: no product or two products, a product of
 * another app, a product already promoted. An image is not required to create one: Apple's
 * StoreKit docs set up promotions by uploading promotional images, but no API refusal for a
 * missing image is recorded (docs/commerce/products.md).
 */
final class PromotedPurchases {
  private final Commerce commerce;
  private final ProductFollowers followers;

  PromotedPurchases(Commerce commerce, ProductFollowers followers) {
    this.commerce = commerce;
    this.followers = followers;
  }

  void install(FamilyContext context) {
    context.handlers().register("promotedPurchases_createInstance", ctx -> {
      checkNotPromoted(ctx);
      return GenericWrites.create(ctx, this::afterCreate);
    });
  }

  /**
   * [INFER] one promotion per product. Checked before the create: linking a second promotion takes
   * the product's to-one {@code promotedPurchase} from the first, so afterwards the first is not seen.
   */
  private void checkNotPromoted(OperationContext ctx) {
    for (String relationship : List.of("inAppPurchaseV2", "subscription")) {
      JsonNode linkage = ctx.body().relationships().get(relationship);
      if (linkage == null || !linkage.isObject()) { // the linkage's data
        continue;
      }
      String type = linkage.path("type").asText();
      String id = linkage.path("id").asText();
      commerce.services().store().read(ctx.teamId(), tx -> tx.find(type, id).flatMap(product -> commerce.graph().relatedOne(tx, product, "promotedPurchase")
          .map(other -> Commerce.describe(product) + " is promoted already by promotedPurchases " + other.id()))).ifPresent(reason -> {
            throw refuse(relationship, "The " + (type.equals(Commerce.IAP) ? "in-app purchase" : "subscription") + " is already promoted.",
                reason + "; one promotion per product (inferred wording). PATCH or DELETE that one.");
          });
    }
  }

  private void afterCreate(StoreTx tx, Resource promoted) {
    Optional<Resource> iap = commerce.graph().relatedOne(tx, promoted, "inAppPurchaseV2");
    Optional<Resource> subscription = commerce.graph().relatedOne(tx, promoted, "subscription");
    if (iap.isPresent() == subscription.isPresent()) {
      throw refuse(iap.isPresent() ? "subscription" : "inAppPurchaseV2", "A promoted purchase names exactly one in-app purchase or subscription.",
          "The promoted purchase names " + (iap.isPresent() ? "both an in-app purchase and a subscription" : "neither an in-app purchase nor a subscription")
              + "; name exactly one in relationships.inAppPurchaseV2 or relationships.subscription (inferred rule and wording).");
    }
    Resource product = iap.or(() -> subscription).orElseThrow();
    String relationship = iap.isPresent() ? "inAppPurchaseV2" : "subscription";
    Resource app = commerce.graph().relatedOne(tx, promoted, "app").orElseThrow(); // required by the create schema
    Optional<Resource> owner = commerce.app(tx, product);
    if (owner.isEmpty() || !owner.get().id().equals(app.id())) {
      throw refuse(relationship, "The " + kind(product) + " does not belong to this app.", Commerce.describe(product) + " belongs to app "
          + owner.map(Resource::id).orElse("(none)") + ", not app " + app.id() + "; an app promotes only its own products (inferred wording).");
    }
    followers.start(tx, promoted, product);
  }

  private static String kind(Resource product) {
    return product.type().equals(Commerce.IAP) ? "in-app purchase" : "subscription";
  }

  private static ApiException refuse(String relationship, String detail, String diagnosis) {
    return new ApiException(List.of(CommerceErrors.relationshipInvalid(relationship, detail)), diagnosis);
  }
}
