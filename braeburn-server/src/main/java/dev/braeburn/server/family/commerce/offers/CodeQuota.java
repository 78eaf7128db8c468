package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The quarterly limit on offer codes: an app makes codes for at most {@value #PER_QUARTER}
 * redemptions a calendar quarter, shared by all its subscriptions (App Store Connect Help, "Set up
 * offer codes", https://developer.apple.com/help/app-store-connect/manage-subscriptions/set-up-offer-codes/:
 * both one-time-use and custom codes count) and by its in-app purchases ("Create offer codes for
 * In-App Purchases": 1 million codes per app, per quarter). A one-time-use batch counts its
 * {@code numberOfCodes}, a custom code its {@code numberOfCodes} (its redemption limit).
 * [INFER] one pool for subscriptions and in-app purchases together; sandbox batches do not count
 * (they are for testing); quarters are the virtual clock's UTC calendar quarters.
 *
 * <p>The count is a ledger row per app and quarter ({@value #LEDGER}, id {@code appId:YYYY-Qn},
 * {@code codes}); an in-app purchase offer code's app is remembered when it is created
 * ({@value #APPS}, id = offer code id, {@code appId}), since the spec does not read its in-app
 * purchase back.
 */
final class CodeQuota {
  static final int PER_QUARTER = 1_000_000;
  static final String LEDGER = "_offerCodeQuarters";
  static final String APPS = "_offerCodeApps";

  private final Offers offers;

  CodeQuota(Offers offers) {
    this.offers = offers;
  }

  /** Remembers the app of an in-app purchase offer code (its in-app purchase's). */
  void remember(StoreTx tx, Resource offerCode, Resource inAppPurchase) {
    offers.graph().relatedOne(tx, inAppPurchase, "app")
        .ifPresent(app -> tx.insert(APPS, offerCode.id(), offers.graph().object().put("appId", app.id())));
  }

  /**
   * Takes {@code count} production codes of the offer's app's quarter, or refuses when they would
   * pass the limit. An offer whose app is unknown (a loaded one without its product) is not counted.
   */
  void take(StoreTx tx, Resource offerCode, int count, String environment) {
    if ("SANDBOX".equals(environment) || count <= 0) {
      return;
    }
    Optional<String> app = app(tx, offerCode);
    if (app.isEmpty()) {
      return;
    }
    LocalDate today = offers.today();
    String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    String id = app.get() + ":" + quarter;
    Optional<Resource> ledger = tx.find(LEDGER, id);
    long used = ledger.map(r -> r.attributes().path("codes").asLong(0)).orElse(0L);
    if (used + count > PER_QUARTER) {
      LocalDate next = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1).plusMonths(3);
      throw OfferErrors.refuse(OfferErrors.quarterlyLimit(PER_QUARTER - used), "App " + app.get() + " has made offer codes for " + used
          + " redemptions in " + quarter + " (virtual clock); " + count + " more would pass Apple's limit of 1,000,000 per app per"
          + " quarter, shared by its subscriptions and in-app purchases (App Store Connect Help, \"Set up offer codes\"). Ask for at most "
          + (PER_QUARTER - used) + ", or wait for the next quarter (" + next + "). The limit is Apple's; the refusal's code and"
          + " wording are inferred, and so is counting in-app purchase codes in the same pool.");
    }
    ObjectNode counted = offers.graph().object().put("codes", used + count);
    if (ledger.isPresent()) {
      tx.updateAttributes(ledger.get(), counted);
    } else {
      tx.insert(LEDGER, id, counted);
    }
  }

  private Optional<String> app(StoreTx tx, Resource offerCode) {
    if (offerCode.type().equals("subscriptionOfferCodes")) {
      return offers.subscription(tx, offerCode).flatMap(s -> offers.graph().relatedOne(tx, s, "group"))
          .flatMap(g -> offers.graph().relatedOne(tx, g, "app")).map(Resource::id);
    }
    return tx.find(APPS, offerCode.id()).map(r -> r.attributes().path("appId").asText());
  }
}
