package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;

/**
 * Subscriptions of one product active at the end of one day in one territory and device, at one
 * price — the counters of the SUBSCRIPTION sales report (Active Standard Price Subscriptions …,
 * Billing Retry, Grace Period, Subscribers).
 */
public record SubscriptionStateRow(
    ModelProduct subscription, String territory, String device,
    String customerCurrency, BigDecimal customerPrice, String proceedsCurrency, BigDecimal proceedsPerUnit,
    long activeStandard, long activeFreeTrial, long activePayUpFront, long activePayAsYouGo,
    long billingRetry, long gracePeriod, long subscribers) {}
