package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;

/**
 * Subscription events of one kind on one day — a SUBSCRIPTION_EVENT row. {@code event} is Apple's
 * wording ("Subscribe", "Renew", "Cancel", "Start Introductory Offer", "Paid Subscription from
 * Introductory Offer", "Refund", "Billing Retry from Paid Subscription", "Renewal from Billing
 * Retry" …); {@code offerType} "Free Trial" / "Pay Up Front" / "Pay As You Go" or empty;
 * {@code cancellationReason} empty unless the event is a cancellation.
 */
public record SubscriptionEventRow(
    ModelProduct subscription, String event, String territory, String device,
    String offerType, String offerDuration, int consecutivePaidPeriods, LocalDate originalStartDate,
    String cancellationReason, long quantity) {}
