package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;

/**
 * An in-app product: {@code appleId} is its resource id (numeric, Apple's "Apple Identifier"),
 * {@code productId} its SKU. Subscriptions carry their group and Apple's "Standard Subscription
 * Duration" wording ({@code 7 Days}, {@code 1 Month}, {@code 2 Months}, {@code 3 Months},
 * {@code 6 Months}, {@code 1 Year}); other kinds have nulls there.
 */
public record ModelProduct(
    String appleId, String productId, String name, ProductKind kind, BigDecimal priceUsd,
    String groupId, String groupName, String duration) {}
