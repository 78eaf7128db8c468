package dev.braeburn.server.family.reports.model;

/**
 * Pre-orders of an app on one day in one territory and on one device: orders placed and canceled
 * that day, and the running totals since the pre-order period began (that day included).
 */
public record PreOrderRow(
    String territory, String device, long ordered, long canceled, long cumulativeOrdered, long cumulativeCanceled) {}
