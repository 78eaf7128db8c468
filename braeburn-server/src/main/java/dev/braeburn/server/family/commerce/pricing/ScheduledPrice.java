package dev.braeburn.server.family.commerce.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One price of a product as the store holds it, for the usage model and the reports: from
 * {@code start} (null: always) until the day before {@code end} (null: open), in {@code storefront}
 * (alpha-2; null: every storefront without a price of its own, i.e. the base territory's price and
 * its equalizations), at ladder point {@code index} — whose dollar price {@link Pricing} turns into
 * every storefront's customer price and proceeds, exactly as the price point reads show them.
 */
public record ScheduledPrice(String storefront, LocalDate start, LocalDate end, int index) {
  public BigDecimal usd() {
    return PriceLadder.usd(index);
  }

  public boolean appliesOn(LocalDate day) {
    return (start == null || !day.isBefore(start)) && (end == null || day.isBefore(end));
  }
}
