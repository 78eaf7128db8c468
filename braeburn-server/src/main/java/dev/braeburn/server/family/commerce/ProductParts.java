package dev.braeburn.server.family.commerce;

import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts whose presence decides a product's readiness — localizations, availability, review
 * screenshot, price, a group's localizations: after each create or delete the product's state is
 * refreshed ({@link ProductStates#refresh}); a localization's locale is one per product [INFER].
 * Prices are the pricing family's: it tells {@link CommerceFamily#productChanges()} in its own
 * transaction; the uploads family tells {@link ProductImages} (family.AssetChanges) in its own
 * transaction when a review screenshot is reserved — its create is the uploads family's.
 */
final class ProductParts {
  /** Part type → its relationship to its product (or group). */
  static final Map<String, String> OWNER = Map.of("inAppPurchaseLocalizations", "inAppPurchaseV2",
      "subscriptionLocalizations", "subscription", "inAppPurchaseAvailabilities", "inAppPurchase",
      "subscriptionAvailabilities", "subscription", "inAppPurchaseAppStoreReviewScreenshots", "inAppPurchaseV2",
      "subscriptionAppStoreReviewScreenshots", "subscription", "subscriptionGroupLocalizations", "subscriptionGroup",
      "inAppPurchaseContents", "inAppPurchaseV2");
  private static final List<String> LOCALIZED = List.of("inAppPurchaseLocalizations", "subscriptionLocalizations", "subscriptionGroupLocalizations");

  private final Commerce commerce;
  private final ProductStates states;

  ProductParts(Commerce commerce, ProductStates states) {
    this.commerce = commerce;
    this.states = states;
  }

  void install(FamilyContext context) {
    for (String op : List.of("inAppPurchaseLocalizations_createInstance", "inAppPurchaseLocalizationsV2_createInstance",
        "subscriptionLocalizations_createInstance", "subscriptionLocalizationsV2_createInstance",
        "subscriptionGroupLocalizations_createInstance", "subscriptionGroupLocalizationsV2_createInstance",
        "inAppPurchaseAvailabilities_createInstance", "subscriptionAvailabilities_createInstance")) {
      context.handlers().register(op, ctx -> GenericWrites.create(ctx, this::afterCreate));
    }
    for (String op : List.of("inAppPurchaseLocalizations_deleteInstance", "inAppPurchaseLocalizationsV2_deleteInstance",
        "subscriptionLocalizations_deleteInstance", "subscriptionLocalizationsV2_deleteInstance",
        "subscriptionGroupLocalizations_deleteInstance", "subscriptionGroupLocalizationsV2_deleteInstance",
        "inAppPurchaseAppStoreReviewScreenshots_deleteInstance", "subscriptionAppStoreReviewScreenshots_deleteInstance")) {
      context.handlers().register(op, this::delete);
    }
  }

  private void afterCreate(StoreTx tx, Resource part) {
    if (LOCALIZED.contains(part.type())) {
      checkLocale(tx, part);
    }
    if (part.type().endsWith("Availabilities")) {
      boolean onSale = !commerce.graph().related(tx, part, "availableTerritories").isEmpty();
      owner(tx, part).ifPresent(product -> states.sale(tx, product, onSale));
    }
    refreshOwner(tx, part);
  }

  /** [INFER] one localization per locale and product (as Apple's version localizations; the wording is inferred). */
  private void checkLocale(StoreTx tx, Resource localization) {
    String locale = localization.attributes().path("locale").asText("");
    owner(tx, localization).ifPresent(owner -> commerce.graph().related(tx, owner, inverse(localization.type())).stream()
        .filter(other -> !other.id().equals(localization.id()) && locale.equals(other.attributes().path("locale").asText(null)))
        .findFirst().ifPresent(other -> {
          throw new ApiException(List.of(CommerceErrors.localeUsed(locale)), owner.type() + " " + owner.id() + " already has localization "
              + other.id() + " for " + locale + "; one localization per locale (inferred). PATCH it instead.");
        }));
  }

  private static String inverse(String localizationType) {
    return localizationType; // the product's to-many relationship to its localizations is named after their type
  }

  private Optional<Resource> owner(StoreTx tx, Resource part) {
    return commerce.graph().relatedOne(tx, part, OWNER.get(part.type()));
  }

  /** Refreshes the product the part belongs to; a group's localization refreshes every subscription of the group. */
  void refreshOwner(StoreTx tx, Resource part) {
    owner(tx, part).ifPresent(owner -> refresh(tx, owner));
  }

  private void refresh(StoreTx tx, Resource owner) {
    if (owner.type().equals(Commerce.GROUP)) {
      commerce.graph().related(tx, owner, "subscriptions").forEach(s -> states.refresh(tx, s));
    } else {
      states.refresh(tx, owner);
    }
  }

  private ApiResponse delete(OperationContext ctx) {
    return commerce.services().store().write(ctx.teamId(), tx -> {
      Resource part = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      commerce.services().rules().checkDelete(tx, part);
      Optional<Resource> owner = owner(tx, part);
      tx.delete(part.type(), part.id());
      owner.ifPresent(o -> refresh(tx, o));
      return ApiResponse.noContent(204);
    });
  }
}
