package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/**
 * In-app purchases ({@code /v2/inAppPurchases}) and subscriptions: create, update, delete with the
 * rules the type-rules table cannot say — identifiers ({@link ProductIds}), group levels, Family
 * Sharing that stays on, product IDs retired on delete. State and fixed attributes are the table's.
 */
final class Products {
  private static final List<String> IAP_PARTS = List.of("inAppPurchaseLocalizations", "inAppPurchaseAvailability", "appStoreReviewScreenshot",
      "iapPriceSchedule", "content");
  private static final List<String> SUBSCRIPTION_PARTS = List.of("subscriptionLocalizations", "subscriptionAvailability",
      "appStoreReviewScreenshot", "prices");

  private final Commerce commerce;
  private final ProductIds ids;

  Products(Commerce commerce, ProductIds ids) {
    this.commerce = commerce;
    this.ids = ids;
  }

  void install(FamilyContext context) {
    context.handlers().register("inAppPurchasesV2_createInstance", ctx -> GenericWrites.create(ctx, this::afterCreate))
        .register("inAppPurchasesV2_updateInstance", this::update)
        .register("inAppPurchasesV2_deleteInstance", ctx -> delete(ctx, Commerce.IAP, IAP_PARTS))
        .register("subscriptions_createInstance", ctx -> GenericWrites.create(ctx, this::afterCreate))
        .register("subscriptions_updateInstance", this::update)
        .register("subscriptions_deleteInstance", ctx -> delete(ctx, Commerce.SUBSCRIPTION, SUBSCRIPTION_PARTS))
        .register("subscriptionGroups_createInstance", ctx -> GenericWrites.create(ctx, this::afterGroupCreate))
        .register("subscriptionGroups_updateInstance", ctx -> GenericWrites.update(ctx, this::beforeGroupUpdate));
  }

  private void afterCreate(StoreTx tx, Resource created) {
    Resource app = commerce.app(tx, created).orElseThrow(); // required relationship, linked by the generic create
    ids.checkNew(tx, app, created);
    if (created.type().equals(Commerce.SUBSCRIPTION)) {
      placeInGroup(tx, created);
    }
  }

  /**
   * A new subscription's group level: the request's, 1 … (the group's count), or the bottom of the
   * group when absent [INFER: Apple's UI adds a new subscription as its own lowest level].
   */
  private void placeInGroup(StoreTx tx, Resource created) {
    Resource group = commerce.graph().relatedOne(tx, created, "group").orElseThrow();
    int count = commerce.graph().related(tx, group, "subscriptions").size();
    JsonNode level = created.attributes().get("groupLevel");
    if (level == null || level.isNull()) {
      commerce.graph().update(tx, created, commerce.graph().object().put("groupLevel", count));
    } else if (level.asInt() < 1 || level.asInt() > count) {
      throw new ApiException(List.of(CommerceErrors.groupLevel(count)), "groupLevel " + level.asInt() + " is outside 1 … " + count
          + ", the levels of subscription group " + group.id() + " with this subscription in it (level 1 is the highest service level; inferred rule).");
    }
  }

  private ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      List<ApiError> errors = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      if (stored.attributes().path("familySharable").asBoolean(false) && !merged.path("familySharable").asBoolean(true)) {
        errors.add(CommerceErrors.familySharingOn());
        reasons.add(Commerce.describe(stored) + " has Family Sharing on; Apple never turns it off again (Apple's help; wording inferred).");
      }
      String name = merged.path("name").asText("");
      if (!name.equals(stored.attributes().path("name").asText(""))) {
        commerce.app(tx, stored).ifPresent(app -> ids.checkName(tx, app, stored, name, errors, reasons));
      }
      if (stored.type().equals(Commerce.SUBSCRIPTION) && merged.hasNonNull("groupLevel")
          && merged.get("groupLevel").asInt() != stored.attributes().path("groupLevel").asInt()) {
        int count = commerce.graph().relatedOne(tx, stored, "group").map(g -> commerce.graph().related(tx, g, "subscriptions").size()).orElse(1);
        if (merged.get("groupLevel").asInt() < 1 || merged.get("groupLevel").asInt() > count) {
          errors.add(CommerceErrors.groupLevel(count));
          reasons.add("groupLevel " + merged.get("groupLevel").asInt() + " is outside 1 … " + count + " (inferred rule).");
        }
      }
      if (!errors.isEmpty()) {
        throw new ApiException(errors, String.join(" ", reasons));
      }
    });
  }

  /** Deletes the product and what only it owns, retiring its product ID (the table's delete gate first). */
  private ApiResponse delete(OperationContext ctx, String type, List<String> parts) {
    return commerce.services().store().write(ctx.teamId(), tx -> {
      Resource product = GenericReads.existing(tx, type, ctx.id());
      commerce.services().rules().checkDelete(tx, product);
      commerce.app(tx, product).flatMap(app -> tx.find(app.type(), app.id())).ifPresent(app -> ids.retire(tx, app, product));
      for (String part : parts) {
        commerce.graph().related(tx, product, part).forEach(r -> tx.delete(r.type(), r.id()));
      }
      tx.delete(product.type(), product.id());
      return ApiResponse.noContent(204);
    });
  }

  /** [INFER] a subscription group's reference name is unique within the app. */
  private void afterGroupCreate(StoreTx tx, Resource group) {
    Resource app = commerce.graph().relatedOne(tx, group, "app").orElseThrow();
    checkGroupName(tx, app, group, group.attributes().path("referenceName").asText(""));
  }

  private void beforeGroupUpdate(StoreTx tx, Resource stored, ObjectNode merged) {
    String name = merged.path("referenceName").asText("");
    if (!name.equals(stored.attributes().path("referenceName").asText(""))) {
      commerce.graph().relatedOne(tx, stored, "app").ifPresent(app -> checkGroupName(tx, app, stored, name));
    }
  }

  private void checkGroupName(StoreTx tx, Resource app, Resource group, String name) {
    commerce.graph().related(tx, app, "subscriptionGroups").stream().filter(g -> !g.id().equals(group.id()))
        .filter(g -> name.equals(g.attributes().path("referenceName").asText(null))).findFirst().ifPresent(other -> {
          throw new ApiException(List.of(CommerceErrors.referenceNameUsed("referenceName")), "The reference name '" + name
              + "' is used by subscription group " + other.id() + " of app " + app.id() + "; group reference names are unique within an app (inferred).");
        });
  }
}
