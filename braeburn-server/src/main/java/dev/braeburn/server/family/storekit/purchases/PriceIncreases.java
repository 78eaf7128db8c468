package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.commerce.pricing.ScheduledPrice;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

/**
 * A subscription price change in the catalogue reaching an active subscriber, with the consent
 * rules of {@code braeburn/commerce/subscription-price-increases.json} (docs/commerce/pricing.md).
 * At each regular renewal Braeburn looks one period ahead: a higher price on the next renewal day
 * is announced now ({@code PRICE_INCREASE}, server-api.md §3.7) and charged at that next renewal —
 * one period of notice [INFER: Apple notifies subscribers ahead of the renewal; the table's 30
 * days are about a monthly period]. A notify-only increase (within the table's limits, at most once
 * a year) sets {@code priceIncreaseStatus} 1 and announces {@code ACCEPTED}; any other sets 0 and
 * announces {@code PENDING}, and unless the customer accepts ({@code ACCEPT_PRICE_INCREASE}) the
 * subscription expires at that renewal ({@code EXPIRED}/{@code PRICE_INCREASE}, expirationIntent 3).
 * A price kept for existing subscribers ({@code preserveCurrentPrice}) never reaches them; a
 * decrease applies at the next renewal without notice.
 */
final class PriceIncreases {
  /** Braeburn's fields on the subscription record: a pending increase needs consent; when the last notify-only increase was. */
  static final String NEEDS_CONSENT = "priceIncreaseNeedsConsent";
  static final String LAST_NOTIFY_ONLY = "lastNotifyOnlyIncrease";
  private final JsonNode rules;
  private final Graph graph;
  private final RenewalRates rates;

  PriceIncreases(Graph graph, RenewalRates rates) {
    this.graph = graph;
    this.rates = rates;
    try (InputStream in = PriceIncreases.class.getResourceAsStream("/braeburn/commerce/subscription-price-increases.json")) {
      this.rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A consent increase the customer has not accepted by the renewal: the subscription expires instead. */
  static boolean declined(JsonNode state) {
    return state.path(NEEDS_CONSENT).asBoolean(false) && state.path("priceIncreaseStatus").asInt(-1) != 1;
  }

  int expirationIntentWithoutConsent() {
    return rules.path("consentIncrease").path("expirationIntentWithoutConsent").asInt(3);
  }

  /** What a regular renewal charges: the catalogue's price, but no more than the announced {@code renewalPrice} (no increase without notice). */
  static long charge(long catalogue, JsonNode state) {
    return state.has("renewalPrice") ? Math.min(catalogue, state.path("renewalPrice").asLong()) : catalogue;
  }

  /**
   * After a regular renewal that charged {@code charged}: the next renewal's price into
   * {@code renewalPrice} and, for an increase, {@code priceIncreaseStatus}; returns the
   * {@code PRICE_INCREASE} subtype to announce, or null.
   */
  String lookAhead(StoreTx tx, ObjectNode state, Catalogue.Product product, String storefront, long charged, long start, long until,
      StoreEnvironment environment) {
    state.remove(NEEDS_CONSENT);
    LocalDate day = Catalogue.priceDay(until);
    Long next = Catalogue.priceMilli(tx, product, storefront, day);
    if (next == null || next <= charged) {
      state.put("renewalPrice", next == null ? charged : next);
      return null;
    }
    if (preserved(tx, product, Catalogue.priceDay(start), day)) {
      state.put("renewalPrice", charged);
      return null;
    }
    state.put("renewalPrice", next);
    long last = state.path(LAST_NOTIFY_ONLY).asLong(Long.MIN_VALUE);
    boolean yearPassed = last == Long.MIN_VALUE || until >= rates.days(last, 365, environment);
    if (yearPassed && withinLimits(tx, product, storefront, day, charged, next)) {
      state.put("priceIncreaseStatus", rules.path("consentIncrease").path("priceIncreaseStatusAfterConsent").asInt(1))
          .put(LAST_NOTIFY_ONLY, until);
      return "ACCEPTED";
    }
    state.put("priceIncreaseStatus", rules.path("consentIncrease").path("priceIncreaseStatusUntilConsent").asInt(0)).put(NEEDS_CONSENT, true);
    return "PENDING";
  }

  /**
   * The table's notify-only limits for the subscription's period: the rise in US dollars of the
   * price point and as a share of the price [INFER: the dollar rise is the new point's dollars
   * scaled by the local ratio, since the charged price may be an older point's].
   */
  private boolean withinLimits(StoreTx tx, Catalogue.Product product, String storefront, LocalDate day, long charged, long next) {
    JsonNode notify = rules.path("notifyOnlyIncrease");
    ScheduledPrice point = Catalogue.scheduled(tx, product, storefront, day);
    BigDecimal share = BigDecimal.valueOf(next - charged).divide(BigDecimal.valueOf(charged), MathContext.DECIMAL64);
    BigDecimal usdRise = point.usd().multiply(share).divide(BigDecimal.ONE.add(share), MathContext.DECIMAL64);
    for (JsonNode limit : notify.path("limits")) {
      for (JsonNode period : limit.path("periods")) {
        if (period.asText().equals(product.period())) {
          boolean usdOk = usdRise.compareTo(new BigDecimal(limit.path("maxIncreaseUsd").asText())) <= 0;
          boolean shareOk = share.compareTo(new BigDecimal(limit.path("maxIncreaseShare").asText())) <= 0;
          return notify.path("bothLimitsApply").asBoolean(true) ? usdOk && shareOk : usdOk || shareOk;
        }
      }
    }
    return false;
  }

  /** Whether a price change starting after {@code from} and by {@code to} keeps existing subscribers' price (preserveCurrentPrice). */
  private boolean preserved(StoreTx tx, Catalogue.Product product, LocalDate from, LocalDate to) {
    for (Resource price : graph.related(tx, product.resource(), "prices")) {
      String start = price.attributes().path("startDate").asText(null);
      if (start != null && price.attributes().path("preserved").asBoolean(false)) {
        LocalDate d = LocalDate.parse(start);
        if (d.isAfter(from) && !d.isAfter(to)) {
          return true;
        }
      }
    }
    return false;
  }
}
