package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.util.Set;

/**
 * Apple-hosted content of a NON_CONSUMABLE in-app purchase ({@code contentHosting}; the content is
 * {@code GET /v1/inAppPurchaseContents/{id}}, {@code /v2/inAppPurchases/{id}/content}). The API has
 * no upload for it and does not set {@code contentHosting} (neither request schema has it): Xcode
 * or Transporter upload the package, App Store Connect turns hosting on. The admin route stands in
 * for both ({@code POST /_braeburn/inAppPurchases/{id}/content}):
 * {@code {"contentHosting": true|false}} turns hosting on or off; {@code {"fileName", "fileSize"}}
 * turns it on and uploads. A hosted product whose metadata is otherwise complete waits in
 * WAITING_FOR_UPLOAD, is PROCESSING_CONTENT after an upload for {@link #PROCESSING_DELAY}
 * [INFER: Apple's processing time is not recorded], then READY_TO_SUBMIT ({@link ProductStates#refresh}
 * asks {@link #readyState}). Whether Apple still takes hosted content for new products is not
 * recorded: StoreKit's hosted downloads belong to the original StoreKit, and WWDC25 introduced
 * Apple-hosted Background Assets as the way to host content (docs/commerce/products.md).
 */
final class HostedContent {
  static final String PROCESS_TASK = "commerce.content.process";
  static final Duration PROCESSING_DELAY = Duration.ofMinutes(5);
  private static final String TYPE = "inAppPurchaseContents";
  /** Kept on the content while it is processed (an attribute no response schema has). */
  private static final String PROCESSING = "braeburnProcessing";
  private static final String PREFIX = "/_braeburn/inAppPurchases/";
  /** States in which content may be uploaded [INFER: Apple's rule for content of a product under review or on sale is not modelled]. */
  private static final Set<String> UPLOADABLE = Set.of("MISSING_METADATA", "READY_TO_SUBMIT", "REJECTED", "DEVELOPER_ACTION_NEEDED",
      "WAITING_FOR_UPLOAD", "PROCESSING_CONTENT");

  private final Commerce commerce;
  private final AdminJson json;
  private volatile ProductStates states;

  HostedContent(Commerce commerce, AdminJson json) {
    this.commerce = commerce;
    this.json = json;
  }

  void install(FamilyContext context, ProductStates productStates) {
    this.states = productStates;
    context.scheduler().register(PROCESS_TASK, this::process);
  }

  /** The state a product with complete metadata takes: READY_TO_SUBMIT, or a content state when it hosts content not ready yet. */
  String readyState(StoreTx tx, Resource product) {
    if (!product.type().equals(Commerce.IAP) || !product.attributes().path("contentHosting").asBoolean(false)) {
      return "READY_TO_SUBMIT";
    }
    return commerce.graph().relatedOne(tx, product, "content")
        .map(c -> c.attributes().path(PROCESSING).asBoolean(false) ? "PROCESSING_CONTENT" : "READY_TO_SUBMIT").orElse("WAITING_FOR_UPLOAD");
  }

  ApiResponse handle(ApiRequest req) {
    String rest = req.path().startsWith(PREFIX) ? req.path().substring(PREFIX.length()) : "";
    String[] segments = rest.split("/", -1);
    if (segments.length != 2 || segments[0].isEmpty() || !segments[1].equals("content") || !req.method().equals("POST")) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    JsonNode body = json.body(req);
    String team = AdminJson.team(commerce.services().store(), req);
    ObjectNode out = commerce.services().store().write(team, tx -> {
      Resource product = tx.find(Commerce.IAP, segments[0])
          .orElseThrow(() -> AdminJson.notFound("There is no resource of type 'inAppPurchases' with id '" + segments[0] + "'"));
      if (!product.attributes().path("inAppPurchaseType").asText("").equals("NON_CONSUMABLE")) {
        throw AdminJson.invalid("/", Commerce.describe(product) + " is " + product.attributes().path("inAppPurchaseType").asText()
            + "; Apple hosts content only for NON_CONSUMABLE in-app purchases");
      }
      if (!UPLOADABLE.contains(Commerce.state(product))) {
        throw AdminJson.invalid("/", Commerce.describe(product) + " is " + Commerce.state(product)
            + "; content is uploaded while the product is prepared (inferred), not while it waits for, is in or passed review");
      }
      boolean upload = body.hasNonNull("fileName");
      boolean hosting = upload || body.path("contentHosting").asBoolean(false);
      if (!upload && !body.path("contentHosting").isBoolean()) {
        throw AdminJson.invalid("/", "send {\"fileName\": …, \"fileSize\": …} to upload content, or {\"contentHosting\": true|false}");
      }
      if (upload && (body.path("fileName").asText().isBlank() || body.path("fileSize").asLong(0) <= 0)) {
        throw AdminJson.invalid("/fileSize", "fileName must be a name and fileSize a positive number of bytes");
      }
      product = commerce.graph().update(tx, product, commerce.graph().object().put("contentHosting", hosting));
      if (upload) {
        upload(tx, product, body, req.baseUrl());
      }
      Resource judged = states.refresh(tx, product);
      ObjectNode doc = commerce.graph().object();
      doc.putObject("data").put("id", judged.id()).put("state", Commerce.state(judged)).put("contentHosting", hosting);
      return doc;
    });
    return json.json(200, out).withHeader(Engine.DIAGNOSIS_HEADER, "Content of inAppPurchases " + segments[0] + ": "
        + (body.hasNonNull("fileName") ? "uploaded, processed in " + PROCESSING_DELAY.toMinutes() + " minutes (inferred)" : "contentHosting set"));
  }

  /** Creates or replaces the product's content record and schedules its processing. */
  private void upload(StoreTx tx, Resource product, JsonNode body, String baseUrl) {
    String fileName = body.path("fileName").asText();
    ObjectNode attributes = commerce.graph().object().put("fileName", fileName).put("fileSize", body.path("fileSize").asLong())
        .put("url", baseUrl + "/_assets/inAppPurchaseContents/" + product.id() + "/" + fileName).put(PROCESSING, true);
    attributes.put("lastModifiedDate", commerce.graph().now().toString());
    Resource content = commerce.graph().relatedOne(tx, product, "content").map(c -> commerce.graph().update(tx, c, attributes)).orElseGet(() -> {
      Resource created = tx.insert(TYPE, commerce.services().ids().next(TYPE), attributes);
      commerce.graph().link(tx, product, "content", created);
      return created;
    });
    commerce.services().scheduler().schedule(tx, PROCESS_TASK, commerce.graph().now().plus(PROCESSING_DELAY),
        commerce.graph().object().put("id", content.id()).put("product", product.id()).put("uploadedAt", attributes.get("lastModifiedDate").asText()));
  }

  /** Processing done: the content is ready and the product is judged again (PROCESSING_CONTENT → READY_TO_SUBMIT). */
  private void process(ScheduledTask task, TaskRun run) {
    commerce.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(TYPE, task.payload().path("id").asText()).filter(c -> c.attributes().path(PROCESSING).asBoolean(false))
          .filter(c -> c.attributes().path("lastModifiedDate").asText("").equals(task.payload().path("uploadedAt").asText())) // a later upload has its own task
          .ifPresent(content -> {
        commerce.graph().update(tx, content, commerce.graph().object().put(PROCESSING, false).put("lastModifiedDate", commerce.graph().now().toString()));
        tx.find(Commerce.IAP, task.payload().path("product").asText()).ifPresent(product -> states.refresh(tx, product));
      });
      return null;
    });
  }
}
