package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.AssetChanges;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The uploads family's media assets as products see them ({@link AssetChanges}, called in the
 * uploads family's own write transaction):
 * <ul>
 *   <li>a review screenshot reserved, committed or processed: its product's readiness is judged
 *       again ({@link ProductStates#refresh}) in the same transaction;
 *   <li>a promotional image ({@code /v1|v2/inAppPurchaseImages}, {@code /v1|v2/subscriptionImages}):
 *       one per product [INFER: Apple's help allows one promotional image; the refusal's wording is
 *       not recorded], and its own {@code state} (the v1 schema's) follows the upload —
 *       AWAITING_UPLOAD, UPLOAD_COMPLETE (commit), FAILED, PREPARE_FOR_SUBMISSION once processed —
 *       then the product's review ({@link ProductFollowers}).
 * </ul>
 * Images do not count for readiness: they matter only for promotion (Apple's StoreKit docs:
 * promoting in-app purchases starts with uploading promotional images).
 */
final class ProductImages implements AssetChanges {
  /** Image type → its relationship to its product (v1); v2 images name a product version instead. */
  private static final Map<String, String> PRODUCT = Map.of("inAppPurchaseImages", "inAppPurchase", "subscriptionImages", "subscription");
  /** The assetDeliveryState an upload step sets → the image's own state. */
  private static final Map<String, String> STATE = Map.of("AWAITING_UPLOAD", "AWAITING_UPLOAD", "UPLOAD_COMPLETE", "UPLOAD_COMPLETE",
      "FAILED", "FAILED", "COMPLETE", "PREPARE_FOR_SUBMISSION");

  private final Commerce commerce;
  private final ProductStates states;
  private final ProductFollowers followers;

  ProductImages(Commerce commerce, ProductStates states, ProductFollowers followers) {
    this.commerce = commerce;
    this.states = states;
    this.followers = followers;
  }

  @Override
  public void changing(StoreTx tx, Resource asset, ObjectNode attributes) {
    String owner = ProductParts.OWNER.get(asset.type());
    if (owner != null) {
      commerce.graph().relatedOne(tx, asset, owner).ifPresent(product -> states.refresh(tx, product));
      return;
    }
    if (!ProductFollowers.IMAGES.contains(asset.type())) {
      return;
    }
    String delivery = attributes.path("assetDeliveryState").path("state").asText("");
    Optional<Resource> product = product(tx, asset);
    if (delivery.equals("AWAITING_UPLOAD")) {
      String relationship = commerce.graph().relatedOne(tx, asset, "version").isPresent() ? "version" : PRODUCT.get(asset.type());
      product.ifPresent(p -> checkOnlyImage(tx, p, asset.id(), relationship));
    }
    String to = STATE.get(delivery);
    String from = asset.attributes().path("state").asText(null);
    if (to != null && !to.equals(from) && commerce.services().rules().allows(asset.type(), "state", from, to)) {
      attributes.put("state", to);
    }
  }

  /** The product an image promotes: its own (v1) or its version's (v2). */
  private Optional<Resource> product(StoreTx tx, Resource image) {
    String relationship = PRODUCT.get(image.type());
    return commerce.graph().relatedOne(tx, image, relationship)
        .or(() -> commerce.graph().relatedOne(tx, image, "version").flatMap(v -> commerce.graph().relatedOne(tx, v, relationship)));
  }

  /**
   * Wraps the uploads family's image creates with the one-image check before the create: a v2
   * image's version holds one {@code image} (to-one), so linking a second one takes the first off
   * the version and the check inside the create would no longer see it. Read first, then the
   * uploads handler runs (its own transaction checks again, for v1 images).
   */
  void install(FamilyContext context) {
    for (String op : List.of("inAppPurchaseImages_createInstance", "inAppPurchaseImagesV2_createInstance", "subscriptionImages_createInstance",
        "subscriptionImagesV2_createInstance")) {
      OperationHandler uploads = context.handlers().get(op);
      if (uploads != null) {
        context.handlers().register(op, ctx -> {
          checkBeforeCreate(ctx);
          return uploads.handle(ctx);
        });
      }
    }
  }

  private void checkBeforeCreate(OperationContext ctx) {
    String type = ctx.body().type();
    String relationship = ctx.body().relationships().containsKey("version") ? "version" : PRODUCT.get(type);
    JsonNode linkage = ctx.body().relationships().get(relationship); // the linkage's data
    if (linkage == null || !linkage.isObject()) {
      return;
    }
    commerce.services().store().read(ctx.teamId(), tx -> {
      tx.find(linkage.path("type").asText(), linkage.path("id").asText())
          .flatMap(target -> relationship.equals("version") ? commerce.graph().relatedOne(tx, target, PRODUCT.get(type)) : Optional.of(target))
          .ifPresent(product -> checkOnlyImage(tx, product, null, relationship));
      return null;
    });
  }

  /** [INFER] one promotional image per product: a second is refused until the first is deleted. */
  private void checkOnlyImage(StoreTx tx, Resource product, String imageId, String relationship) {
    followers.images(tx, product).stream().filter(other -> !other.id().equals(imageId)).findFirst().ifPresent(other -> {
      throw new ApiException(List.of(CommerceErrors.relationshipInvalid(relationship,
          "The " + (product.type().equals(Commerce.IAP) ? "in-app purchase" : "subscription") + " already has a promotional image.")),
          Commerce.describe(product) + " already has promotional image " + other.id() + " (" + other.type() + "); Apple allows one promotional image"
              + " per product (inferred; the refusal's wording is inferred). DELETE /v1/" + other.type() + "/" + other.id() + " first.");
    });
  }
}
