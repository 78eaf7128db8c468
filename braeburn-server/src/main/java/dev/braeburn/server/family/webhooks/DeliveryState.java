package dev.braeburn.server.family.webhooks;

/** {@code WebhookDelivery.deliveryState} values of the spec. */
final class DeliveryState {
  static final String PENDING = "PENDING";
  static final String SUCCEEDED = "SUCCEEDED";
  static final String FAILED = "FAILED";

  private DeliveryState() {}
}
