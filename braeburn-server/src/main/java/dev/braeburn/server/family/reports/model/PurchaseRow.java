package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;

/**
 * Sales of one in-app product to one audience on one day, in one customer currency at one price.
 * Purchases of the app itself are not rows: a paid app's first-time downloads are its sales, at
 * {@link ModelApp#priceUsd(String)}, its storefront price that day (see {@link Pricing}). {@code subscription} is "New" or "Renewal"
 * for auto-renewable subscriptions, empty otherwise. {@code refunds} are units given back the same
 * day (reports write them as negative units). Money: {@code customerPrice} and
 * {@code proceedsPerUnit} per unit in {@code customerCurrency} / {@code proceedsCurrency};
 * {@code salesUsd} and {@code proceedsUsd} are the row's totals net of refunds.
 */
public record PurchaseRow(
    Audience audience, ModelProduct product, String paymentMethod, String subscription,
    long units, long refunds, long payingUsers,
    String customerCurrency, BigDecimal customerPrice, String proceedsCurrency, BigDecimal proceedsPerUnit,
    BigDecimal salesUsd, BigDecimal proceedsUsd) {}
