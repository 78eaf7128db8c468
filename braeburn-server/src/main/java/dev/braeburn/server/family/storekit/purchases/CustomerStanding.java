package dev.braeburn.server.family.storekit.purchases;

import dev.braeburn.server.family.commerce.offers.Eligibility;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.List;

/**
 * A customer's standing in one subscription group, from their transactions, as offer eligibility
 * ({@code offers/eligibility.json}) asks it: subscribed now or ever, had an introductory offer,
 * months paid, months since the last subscription ended and since the last win-back offer.
 * Months run on the environment's clock: a calendar month in production, the sandbox rate's
 * month (5 minutes, server-api.md §4.3) in sandbox [INFER: Apple does not say how sandbox counts
 * win-back months].
 */
final class CustomerStanding {
  private CustomerStanding() {}

  /**
   * A customer's standing with one in-app purchase (offer code eligibility NON_SPENDER / ACTIVE_SPENDER /
   * CHURNED_SPENDER): bought it ever, and still holds it — an unrevoked non-consumable or non-renewing
   * purchase; a consumable is used up, so its buyer never holds it [INFER].
   */
  static Eligibility.CustomerHistory ofProduct(List<Resource> history, Catalogue.Product product, boolean signedByDeveloper) {
    boolean bought = false;
    boolean holds = false;
    for (Resource t : history) {
      var a = t.attributes();
      if (product.productId().equals(a.path("productId").asText())) {
        bought = true;
        holds |= !a.has("revocationDate") && !product.type().equals("Consumable");
      }
    }
    return new Eligibility.CustomerHistory(false, false, false, 0, null, null, signedByDeveloper, bought, holds);
  }

  static Eligibility.CustomerHistory of(List<Resource> history, String group, long now, RenewalRates rates, StoreEnvironment environment,
      boolean signedByDeveloper) {
    boolean subscribedNow = false;
    boolean ever = false;
    boolean hadIntro = false;
    long paid = 0;
    long lastEnd = 0;
    Long lastWinBack = null;
    for (Resource t : history) {
      var a = t.attributes();
      if (!group.equals(a.path("subscriptionGroupIdentifier").asText())) {
        continue;
      }
      ever = true;
      hadIntro |= a.path("offerType").asInt() == 1;
      long end = a.has("revocationDate") ? a.path("revocationDate").asLong() : a.path("expiresDate").asLong();
      subscribedNow |= end > now;
      lastEnd = Math.max(lastEnd, Math.min(end, now));
      if (a.path("price").asLong() > 0 && !a.has("revocationDate")) {
        paid += end - a.path("purchaseDate").asLong();
      }
      if (a.path("offerType").asInt() == 4 && a.path("transactionReason").asText().equals("PURCHASE")) {
        lastWinBack = Math.max(lastWinBack == null ? 0 : lastWinBack, a.path("purchaseDate").asLong());
      }
    }
    long month = rates.monthMillis(environment);
    Integer sinceLapse = ever && !subscribedNow ? (int) ((now - lastEnd) / month) : null;
    Integer sinceWinBack = lastWinBack == null ? null : (int) ((now - lastWinBack) / month);
    return new Eligibility.CustomerHistory(subscribedNow, ever, hadIntro, (int) Math.round((double) paid / month), sinceLapse, sinceWinBack,
        signedByDeveloper, ever, subscribedNow);
  }
}
