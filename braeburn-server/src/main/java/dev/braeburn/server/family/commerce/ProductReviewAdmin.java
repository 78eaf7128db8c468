package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Set;

/**
 * App Review's side for products reviewed on their own (docs/commerce/products.md):
 * <ul>
 *   <li>{@code GET /_braeburn/productReviews/{inAppPurchases|subscriptions}/{id}}: state and whether a review of its own is pending
 *   <li>{@code POST …/{id}} {@code {"decision": "APPROVED"|"REJECTED"|"DEVELOPER_ACTION_NEEDED"}}: App Review decides
 * </ul>
 * {@code GET /_braeburn/productReviews/pending} lists the products waiting for a review of their own.
 * Products riding with an app version are decided through {@code /_braeburn/appReviews/{reviewSubmissionId}}.
 */
final class ProductReviewAdmin {
  private static final String PREFIX = "/_braeburn/productReviews/";
  private static final int MAX_PENDING = 10_000;
  private static final Set<String> TYPES = Set.of(Commerce.IAP, Commerce.SUBSCRIPTION);

  private final Commerce commerce;
  private final ProductReview review;
  private final AdminJson json;

  ProductReviewAdmin(Commerce commerce, ProductReview review, AdminJson json) {
    this.commerce = commerce;
    this.review = review;
    this.json = json;
  }

  ApiResponse handle(ApiRequest req) {
    String[] segments = req.path().startsWith(PREFIX) ? req.path().substring(PREFIX.length()).split("/", -1) : new String[0];
    if (segments.length == 1 && segments[0].equals("pending") && req.method().equals("GET")) {
      return json.json(200, commerce.services().store().read(AdminJson.team(commerce.services().store(), req), this::pending));
    }
    if (segments.length != 2 || !TYPES.contains(segments[0]) || segments[1].isEmpty()) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String team = AdminJson.team(commerce.services().store(), req);
    if (req.method().equals("GET")) {
      return json.json(200, commerce.services().store().read(team, tx -> document(tx, product(tx, segments[0], segments[1]))));
    }
    if (!req.method().equals("POST")) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String decision = json.body(req).path("decision").asText("");
    if (!ProductReview.DECISIONS.contains(decision)) {
      throw AdminJson.invalid("/decision", "decision must be APPROVED, REJECTED or DEVELOPER_ACTION_NEEDED");
    }
    ObjectNode out = commerce.services().store().write(team, tx -> {
      Resource product = product(tx, segments[0], segments[1]);
      if (!review.standalone(tx, product) && ProductReview.UNDECIDED.contains(Commerce.state(product))) {
        throw AdminJson.invalid("/decision", Commerce.describe(product)
            + " rides with an app version; decide its review submission through /_braeburn/appReviews/{reviewSubmissionId}");
      }
      return document(tx, review.decide(tx, product, decision));
    });
    return json.json(200, out).withHeader(Engine.DIAGNOSIS_HEADER, "App Review decided " + segments[0] + " " + segments[1] + ": " + decision);
  }

  private static Resource product(StoreTx tx, String type, String id) {
    return tx.find(type, id).orElseThrow(() -> AdminJson.notFound("There is no resource of type '" + type + "' with id '" + id + "'"));
  }

  /**
   * Products of both types under review on their own, oldest first, each as {@link #document} shows
   * it plus its name and when auto-approval decides (null when the team has it off).
   */
  private ObjectNode pending(StoreTx tx) {
    boolean autoApprove = commerce.settings().get().of(tx.teamId()).autoApprove();
    ObjectNode doc = commerce.graph().object();
    var data = doc.putArray("data");
    for (String type : List.of(Commerce.IAP, Commerce.SUBSCRIPTION)) {
      tx.list(new ListSpec(type, null, List.of(new Condition.AttributeIn("state", ValueKind.STRING, List.copyOf(ProductReview.UNDECIDED))),
              List.of(), null, MAX_PENDING)).items().stream().filter(p -> review.standalone(tx, p))
          .forEach(p -> data.add(((ObjectNode) document(tx, p).get("data")).put("name", p.attributes().path("name").asText(null))
              .put("autoApproveAt", autoApprove ? review.autoApproveAt(tx, p) : null)));
    }
    return doc;
  }

  private ObjectNode document(StoreTx tx, Resource product) {
    ObjectNode doc = commerce.graph().object();
    doc.putObject("data").put("type", product.type()).put("id", product.id()).put("state", Commerce.state(product))
        .put("productId", product.attributes().path("productId").asText(null)).put("reviewedAlone", review.standalone(tx, product));
    return doc;
  }
}
