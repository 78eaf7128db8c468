package dev.braeburn.server.family.reports.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.ModelProduct;
import dev.braeburn.server.family.reports.model.ProductKind;
import dev.braeburn.server.family.reports.model.SubscriptionEventRow;
import dev.braeburn.server.family.reports.model.SubscriptionStateRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One Production subscription of the purchase simulator as the subscription reports see it: its
 * transactions (original purchase, renewals, upgrades; purchase order) and the notifications that
 * announced each change (signed-date order). A day's events are its notifications of that day
 * ({@link SubscriptionReportEvents}); its state at the end of a day is the transaction then in
 * force, else the billing-retry or grace-period status the last notification left.
 */
final class SubscriptionHistory {
  private static final int INTRODUCTORY = 1; // offerType of an introductory offer (server-api.md §3.3)
  private static final int BILLING_RETRY = 3;
  private static final int GRACE_PERIOD = 4;

  private final List<JsonNode> chain;
  private final List<JsonNode> changes;

  SubscriptionHistory(List<JsonNode> chain, List<JsonNode> changes) {
    this.chain = chain;
    this.changes = changes;
  }

  /** The notifications of {@code day} that are report events, one row (quantity 1) each. */
  void events(ModelApp app, LocalDate day, ZoneId zone, List<SubscriptionEventRow> out) {
    long from = start(day, zone);
    long to = start(day.plusDays(1), zone);
    for (JsonNode change : changes) {
      long at = change.path("signedDate").asLong();
      int i = indexOf(change.path("transactionId").asText());
      if (at < from || at >= to || i < 0) {
        continue;
      }
      JsonNode t = chain.get(i);
      JsonNode previous = i > 0 ? chain.get(i - 1) : null;
      Optional<ModelProduct> product = product(app, t);
      Optional<SubscriptionReportEvents.Event> event = SubscriptionReportEvents.of(change.path("notificationType").asText(),
          change.path("subtype").asText(""), introductory(t), previous != null && introductory(previous));
      if (product.isEmpty() || event.isEmpty()) {
        continue;
      }
      JsonNode offer = switch (event.get().offer()) {
        case THIS -> t;
        case PREVIOUS -> previous;
        case NONE -> null;
      };
      out.add(new SubscriptionEventRow(product.get(), event.get().name(), territory(t), SimulatedPurchases.DEVICE,
          offer == null ? "" : SubscriptionReportEvents.offerType(offer.path("offerDiscountType").asText()),
          offer == null ? "" : SubscriptionReportEvents.offerDuration(offer.path("offerPeriod").asText()),
          paidPeriods(i), day(t.path("originalPurchaseDate").asLong(), zone), event.get().cancellationReason(), 1));
    }
  }

  /**
   * The subscription at the end of {@code day}: active under the transaction in force (an
   * introductory offer counts as its kind of offer), in billing retry or grace period (counted as
   * billing retry too, as the model counts them), or nothing. [INFER] Priced at the product's list
   * price in the territory, as the model's rows are, so equal rows add up.
   */
  Optional<SubscriptionStateRow> state(ModelApp app, LocalDate day, ZoneId zone) {
    long at = start(day.plusDays(1), zone) - 1;
    JsonNode current = null;
    for (JsonNode t : chain) {
      if (t.path("purchaseDate").asLong() <= at) {
        current = t;
      }
    }
    if (current == null || (current.has("revocationDate") && current.path("revocationDate").asLong() <= at)) {
      return Optional.empty();
    }
    Optional<ModelProduct> product = product(app, current);
    if (product.isEmpty()) {
      return Optional.empty();
    }
    long[] counts = new long[6]; // standard, free trial, pay up front, pay as you go, billing retry, grace period
    if (current.path("expiresDate").asLong() > at) {
      counts[introductory(current) ? 1 + offerIndex(current.path("offerDiscountType").asText()) : 0] = 1;
    } else {
      int status = statusAt(at);
      if (status != BILLING_RETRY && status != GRACE_PERIOD) {
        return Optional.empty();
      }
      counts[4] = 1;
      counts[5] = status == GRACE_PERIOD ? 1 : 0;
    }
    String territory = territory(current);
    String currency = Pricing.currency(territory);
    BigDecimal usd = product.get().priceUsd(territory);
    return Optional.of(new SubscriptionStateRow(product.get(), territory, SimulatedPurchases.DEVICE, currency,
        Pricing.customerPrice(usd, territory), currency, Pricing.proceedsPerUnit(usd, territory),
        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], 1));
  }

  /** The status (1..5) the last notification before {@code at} reported; 0 when none did. */
  private int statusAt(long at) {
    int status = 0;
    for (JsonNode change : changes) {
      JsonNode reported = change.path("payload").path("data").path("status");
      if (change.path("signedDate").asLong() <= at && reported.isNumber()) {
        status = reported.asInt();
      }
    }
    return status;
  }

  private static int offerIndex(String offerDiscountType) {
    return switch (offerDiscountType) {
      case "PAY_UP_FRONT" -> 1;
      case "PAY_AS_YOU_GO" -> 2;
      default -> 0; // FREE_TRIAL
    };
  }

  /** Paid periods up to and including transaction {@code i}: every charge but free trials (the model's Consecutive Paid Periods). */
  private int paidPeriods(int i) {
    int paid = 0;
    for (int k = 0; k <= i; k++) {
      JsonNode t = chain.get(k);
      paid += introductory(t) && t.path("offerDiscountType").asText().equals("FREE_TRIAL") ? 0 : 1;
    }
    return paid;
  }

  private int indexOf(String transactionId) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).path("transactionId").asText().equals(transactionId)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean introductory(JsonNode t) {
    return t.path("offerType").asInt() == INTRODUCTORY;
  }

  private static Optional<ModelProduct> product(ModelApp app, JsonNode t) {
    String productId = t.path("productId").asText();
    return app.products().stream()
        .filter(p -> p.kind() == ProductKind.AUTO_RENEWABLE_SUBSCRIPTION && p.productId().equals(productId)).findFirst();
  }

  private static String territory(JsonNode t) {
    return Storefronts.alpha2(t.path("storefront").asText());
  }

  private static long start(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  private static LocalDate day(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }
}
