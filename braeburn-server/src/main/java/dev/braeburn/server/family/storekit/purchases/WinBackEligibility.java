package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.commerce.offers.Eligibility;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The renewal info's {@code eligibleWinBackOfferIds} (server-api.md §3.4): for a lapsed subscription,
 * the win-back offers of its group's subscriptions the customer may redeem now
 * ({@code offers/eligibility.json} WIN_BACK), better offers first — Braeburn sorts by the offer's
 * {@code priority} (HIGH first) [INFER: Apple does not say how it ranks them].
 */
final class WinBackEligibility {
  private final Purchases purchases;

  WinBackEligibility(Purchases purchases) {
    this.purchases = purchases;
  }

  /** The renewal info to sign: the record's payload, with the eligible win-back offers of a lapsed subscription. */
  ObjectNode renewalInfo(StoreTx tx, Resource sub) {
    ObjectNode out = Ledger.decoded(sub);
    var a = sub.attributes();
    if (a.path("status").asInt() != 2) {
      return out;
    }
    StoreEnvironment environment = StoreEnvironment.parse(a.path("environment").asText()).orElseThrow();
    String group = a.path("subscriptionGroupIdentifier").asText();
    List<Resource> history = Ledger.transactionsOf(tx, a.path("appId").asText(), a.path("customer").asText(), environment);
    long now = purchases.ctx().nowMillis();
    Eligibility.CustomerHistory standing = CustomerStanding.of(history, group, now, purchases.rates(), environment, true);
    List<Resource> eligible = new ArrayList<>();
    for (Resource subscription : tx.find("subscriptionGroups", group).map(g -> purchases.graph().related(tx, g, "subscriptions"))
        .orElse(List.of())) {
      for (Resource offer : purchases.graph().related(tx, subscription, "winBackOffers")) {
        if (purchases.ctx().eligibility().allows(Eligibility.Kind.WIN_BACK, offer.attributes(), standing, Catalogue.day(now)).allowed()) {
          eligible.add(offer);
        }
      }
    }
    if (!eligible.isEmpty()) {
      eligible.sort(Comparator.comparing(o -> o.attributes().path("priority").asText().equals("HIGH") ? 0 : 1));
      ArrayNode ids = out.putArray("eligibleWinBackOfferIds");
      eligible.forEach(o -> ids.add(o.attributes().path("offerId").asText()));
    }
    return out;
  }
}
