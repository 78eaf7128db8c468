package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Offers created inline by {@code PATCH /v1/subscriptions/{id}}: the spec's SubscriptionUpdateRequest
 * carries {@code included} introductory and promotional offers (SubscriptionIntroductoryOfferInlineCreate,
 * SubscriptionPromotionalOfferInlineCreate) named by {@code ${local}} ids from its relationships.
 * Each is created for the subscription being updated [INFER: an item's own {@code subscription}
 * relationship is optional in the spec; the PATCHed subscription is the one it belongs to] and
 * judged by its own POST's rules, in the update's transaction.
 */
final class InlineOffers {
  private InlineOffers() {}

  static void install(FamilyContext context, IntroductoryOffers introductory, PromotionalOffers promotional) {
    context.services().relations().inlineCreator("subscriptionIntroductoryOffers", (ctx, tx, parent, item, local) ->
        created(ctx, tx, parent, item, local, introductory::afterCreate));
    context.services().relations().inlineCreator("subscriptionPromotionalOffers", (ctx, tx, parent, item, local) ->
        created(ctx, tx, parent, item, local, promotional::afterCreate));
  }

  private static Resource created(OperationContext ctx, StoreTx tx, Resource parent, JsonNode item, java.util.Map<String, Resource> local,
      GenericWrites.AfterCreate rules) {
    ObjectNode own = item.deepCopy();
    if (parent.type().equals("subscriptions")) {
      ObjectNode relationships = own.has("relationships") && own.get("relationships").isObject() ? (ObjectNode) own.get("relationships")
          : own.putObject("relationships");
      relationships.putObject("subscription").putObject("data").put("type", parent.type()).put("id", parent.id());
    }
    Resource created = GenericWrites.createInline(ctx, tx, own, local);
    rules.apply(tx, created);
    return tx.find(created.type(), created.id()).orElseThrow();
  }
}
