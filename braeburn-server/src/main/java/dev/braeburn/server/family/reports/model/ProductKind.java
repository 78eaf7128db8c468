package dev.braeburn.server.family.reports.model;

/** What an in-app product is; decides its Product Type Identifier in sales and finance files. */
public enum ProductKind {
  CONSUMABLE,
  NON_CONSUMABLE,
  NON_RENEWING_SUBSCRIPTION,
  AUTO_RENEWABLE_SUBSCRIPTION
}
