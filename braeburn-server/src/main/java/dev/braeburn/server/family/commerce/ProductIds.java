package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Apple's rules for a product's identifiers within its app: a product ID is unique across the
 * app's in-app purchases and subscriptions and is never usable again once its product was deleted
 * (client notes of 2026: a deleted ID re-created → 409 "This product ID has already been used";
 * Apple keeps it forever); it holds letters, digits, underscores and periods; reference names are
 * unique within the app and kind [INFER]. The retired IDs are kept in an attribute of the app that no
 * response schema has (as family.release.AppPrivacy keeps its answer).
 */
final class ProductIds {
  static final String RETIRED = "braeburnRetiredProductIds";
  /** Apple's help: alphanumeric characters, underscores and periods [INFER: no hyphen; the exact set is not recorded]. */
  private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9_.]+");

  private final Commerce commerce;

  ProductIds(Commerce commerce) {
    this.commerce = commerce;
  }

  /** Refuses a new product's productId and reference name (all problems at once). */
  void checkNew(StoreTx tx, Resource app, Resource created) {
    List<ApiError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    String productId = created.attributes().path("productId").asText("");
    if (!CHARACTERS.matcher(productId).matches()) {
      errors.add(CommerceErrors.productIdCharacters());
      reasons.add("productId '" + productId + "' may hold only letters, digits, underscores and periods (Apple's product ID rule; inferred set).");
    }
    Resource holder = commerce.products(tx, app).stream().filter(p -> !p.id().equals(created.id()))
        .filter(p -> productId.equals(p.attributes().path("productId").asText(null))).findFirst().orElse(null);
    if (holder != null) {
      errors.add(CommerceErrors.productIdUsed());
      reasons.add("productId '" + productId + "' is used by " + Commerce.describe(holder) + " of app " + app.id()
          + "; product IDs are unique across an app's in-app purchases and subscriptions. Choose another.");
    } else if (retired(app).contains(productId)) {
      errors.add(CommerceErrors.productIdUsed());
      reasons.add("productId '" + productId + "' belonged to a product of app " + app.id()
          + " that was deleted; Apple never lets a product ID be used again. Choose another.");
    }
    checkName(tx, app, created, created.attributes().path("name").asText(""), errors, reasons);
    if (!errors.isEmpty()) {
      throw new ApiException(errors, String.join(" ", reasons));
    }
  }

  /** Refuses a reference name another product of the same kind in the app has [INFER: uniqueness within the app and kind]. */
  void checkName(StoreTx tx, Resource app, Resource product, String name, List<ApiError> errors, List<String> reasons) {
    commerce.products(tx, app).stream().filter(p -> p.type().equals(product.type()) && !p.id().equals(product.id()))
        .filter(p -> name.equals(p.attributes().path("name").asText(null))).findFirst().ifPresent(other -> {
          errors.add(CommerceErrors.referenceNameUsed("name"));
          reasons.add("The reference name '" + name + "' is used by " + Commerce.describe(other) + " of app " + app.id()
              + "; reference names are unique among an app's in-app purchases, and among its subscriptions (inferred).");
        });
  }

  /** Remembers a deleted product's ID on its app: it may never be used again. */
  void retire(StoreTx tx, Resource app, Resource product) {
    String productId = product.attributes().path("productId").asText(null);
    if (productId == null) {
      return;
    }
    ArrayNode ids = commerce.graph().object().putArray(RETIRED);
    retired(app).forEach(ids::add);
    ids.add(productId);
    var changes = commerce.graph().object();
    changes.set(RETIRED, ids);
    commerce.graph().update(tx, app, changes);
  }

  private static List<String> retired(Resource app) {
    List<String> out = new ArrayList<>();
    JsonNode ids = app.attributes().path(RETIRED);
    ids.forEach(id -> out.add(id.asText()));
    return out;
  }
}
