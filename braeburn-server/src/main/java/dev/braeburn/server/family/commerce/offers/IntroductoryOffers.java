package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /v1/subscriptionIntroductoryOffers}: the offer's mode and duration fit the terms table; a
 * free trial has no price point and a paid offer has one, for the offer's territory; a subscription
 * has one introductory offer per territory at a time (dates may follow each other, not overlap:
 * App Store Connect Help, "Set up introductory offers"). PATCH changes only endDate (the spec).
 */
final class IntroductoryOffers {
  private final Offers offers;

  IntroductoryOffers(Offers offers) {
    this.offers = offers;
  }

  void install(FamilyContext context) {
    context.handlers().register("subscriptionIntroductoryOffers_createInstance", this::create)
        .register("subscriptionIntroductoryOffers_updateInstance", this::update);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, this::afterCreate);
  }

  /** The rules of a new offer, created by its own POST or inline by a subscription's PATCH ({@link InlineOffers}). */
  void afterCreate(StoreTx tx, Resource created) {
    offers.checkTerms(offers.subscription(tx, created).orElse(null), created, "numberOfPeriods");
    checkDates(created, OfferErrors.END);
    checkPricePoint(tx, created);
    checkOnePerTerritory(tx, created);
  }

  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      Resource changed = new Resource(stored.type(), stored.id(), stored.seq(), merged);
      checkDates(changed, OfferErrors.END);
      checkOnePerTerritory(tx, changed);
    });
  }

  static void checkDates(Resource offer, String pointer) {
    LocalDate start = Offers.date(offer, "startDate");
    LocalDate end = Offers.date(offer, "endDate");
    if (start != null && end != null && end.isBefore(start)) {
      throw OfferErrors.refuse(OfferErrors.endBeforeStart(pointer), offer.type() + " " + offer.id() + " would end on " + end
          + ", before it starts on " + start + " (refusal inferred).");
    }
  }

  private void checkPricePoint(StoreTx tx, Resource offer) {
    String mode = Offers.text(offer, "offerMode");
    Optional<Resource> point = offers.graph().relatedOne(tx, offer, "subscriptionPricePoint");
    if (mode == null) {
      return;
    }
    if (!offers.terms().paid(mode) && point.isPresent()) {
      throw OfferErrors.refuse(OfferErrors.freeTrialPricePoint(OfferErrors.PRICE_POINT), "A FREE_TRIAL introductory offer has no price,"
          + " but the request names price point " + point.get().id() + ". Leave subscriptionPricePoint out (Apple's detail recorded for"
          + " offer codes in rorkai/App-Store-Connect-CLI#1502; code inferred).");
    }
    if (offers.terms().paid(mode) && point.isEmpty()) {
      throw OfferErrors.refuse(OfferErrors.pricePointRequired(mode, OfferErrors.PRICE_POINT), "A " + mode + " introductory offer charges"
          + " the price of a subscriptionPricePoint of its territory; the request names none (refusal inferred).");
    }
    Optional<Resource> territory = offers.graph().relatedOne(tx, offer, "territory");
    Optional<Resource> pointTerritory = point.flatMap(p -> offers.graph().relatedOne(tx, p, "territory"));
    if (territory.isPresent() && pointTerritory.isPresent() && !territory.get().id().equals(pointTerritory.get().id())) {
      throw OfferErrors.refuse(OfferErrors.pricePointTerritory(OfferErrors.PRICE_POINT), "Price point " + point.get().id() + " is for "
          + pointTerritory.get().id() + ", but the offer is for " + territory.get().id() + "; pick a price point of "
          + territory.get().id() + " (GET /v1/subscriptions/{id}/pricePoints?filter[territory]=" + territory.get().id() + "; refusal inferred).");
    }
  }

  /** Another introductory offer of the subscription for the same territory whose dates overlap this one's. */
  private void checkOnePerTerritory(StoreTx tx, Resource offer) {
    Resource subscription = offers.subscription(tx, offer).orElse(null);
    if (subscription == null) {
      return;
    }
    String territory = offers.graph().relatedOne(tx, offer, "territory").map(Resource::id).orElse(null);
    for (Resource other : offers.graph().related(tx, subscription, "introductoryOffers")) {
      String otherTerritory = offers.graph().relatedOne(tx, other, "territory").map(Resource::id).orElse(null);
      if (!other.id().equals(offer.id()) && Objects.equals(territory, otherTerritory) && overlap(offer, other)) {
        throw OfferErrors.refuse(OfferErrors.introductoryOfferExists(), "Subscription " + subscription.id() + " already has introductory"
            + " offer " + other.id() + " in " + (territory == null ? "every territory" : territory) + " from "
            + orOpen(Offers.text(other, "startDate")) + " to " + orOpen(Offers.text(other, "endDate")) + "; a subscription has one"
            + " introductory offer per territory at a time. End that one first (PATCH endDate) or start this one after it (wording inferred).");
      }
    }
  }

  private static String orOpen(String date) {
    return date == null ? "open" : date;
  }

  private static boolean overlap(Resource a, Resource b) {
    LocalDate aStart = Offers.date(a, "startDate");
    LocalDate aEnd = Offers.date(a, "endDate");
    LocalDate bStart = Offers.date(b, "startDate");
    LocalDate bEnd = Offers.date(b, "endDate");
    boolean aBeforeB = aEnd != null && bStart != null && aEnd.isBefore(bStart);
    boolean bBeforeA = bEnd != null && aStart != null && bEnd.isBefore(aStart);
    return !aBeforeB && !bBeforeA;
  }
}
