package dev.braeburn.server.family.commerce;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a product lacks before App Review takes it — its metadata is complete when nothing is
 * missing (MISSING_METADATA → READY_TO_SUBMIT). Apple's list (its help pages and client notes, e.g.
 * "IAP must-haves: localization, price, availability, review screenshot; all filled →
 * READY_TO_SUBMIT"): at least one localization, a price, availability, a review screenshot; a
 * subscription also its period and its group's localization [INFER: which of these Apple checks
 * server-side, and the codes of the associated errors, are not recorded]. "Priced" means the
 * product has a price schedule (in-app purchase, {@code iapPriceSchedule}) or a subscription price
 * ({@code prices}) — the pricing family owns what is in them.
 */
final class ProductReadiness {
  /** One missing piece: the associated-error key, Apple's error, and the sentence for the diagnosis. */
  record Missing(String key, ApiError error, String reason) {}

  private final Commerce commerce;

  ProductReadiness(Commerce commerce) {
    this.commerce = commerce;
  }

  List<Missing> missing(StoreTx tx, Resource product) {
    boolean iap = product.type().equals(Commerce.IAP);
    String key = (iap ? "/v2/inAppPurchases/" : "/v1/subscriptions/") + product.id();
    List<Missing> out = new ArrayList<>();
    String localizations = iap ? "inAppPurchaseLocalizations" : "subscriptionLocalizations";
    require(tx, product, localizations, key, out, "it has no localization (add one with POST /" + (iap ? "v2" : "v1") + "/" + localizations + ")");
    require(tx, product, iap ? "iapPriceSchedule" : "prices", key, out,
        "it has no price (" + (iap ? "POST /v1/inAppPurchasePriceSchedules" : "POST /v1/subscriptionPrices") + ")");
    require(tx, product, iap ? "inAppPurchaseAvailability" : "subscriptionAvailability", key, out,
        "it has no availability (" + (iap ? "POST /v1/inAppPurchaseAvailabilities" : "POST /v1/subscriptionAvailabilities") + ")");
    require(tx, product, "appStoreReviewScreenshot", key, out, "it has no App Review screenshot (POST /v1/"
        + (iap ? "inAppPurchaseAppStoreReviewScreenshots" : "subscriptionAppStoreReviewScreenshots") + ", then upload and commit it)");
    if (!iap) {
      if (!product.attributes().hasNonNull("subscriptionPeriod")) {
        out.add(new Missing(key, CommerceErrors.attributeRequired("subscriptionPeriod"), "it has no subscriptionPeriod"));
      }
      commerce.graph().relatedOne(tx, product, "group").ifPresent(group -> {
        if (commerce.graph().related(tx, group, "subscriptionGroupLocalizations").isEmpty()) {
          out.add(new Missing("/v1/subscriptionGroups/" + group.id(), CommerceErrors.relationshipRequired("subscriptionGroupLocalizations"),
              "its subscription group " + group.id() + " has no localization (POST /v1/subscriptionGroupLocalizations)"));
        }
      });
    }
    return out;
  }

  private void require(StoreTx tx, Resource product, String relationship, String key, List<Missing> out, String reason) {
    if (commerce.graph().related(tx, product, relationship).isEmpty()) {
      out.add(new Missing(key, CommerceErrors.relationshipRequired(relationship), reason));
    }
  }

  /** The missing pieces as {@code meta.associatedErrors}, in the order found. */
  static Map<String, List<ApiError>> associated(List<Missing> missing) {
    Map<String, List<ApiError>> out = new LinkedHashMap<>();
    missing.forEach(m -> out.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.error()));
    return out;
  }

  static String reasons(List<Missing> missing) {
    return String.join("; ", missing.stream().map(Missing::reason).toList());
  }
}
