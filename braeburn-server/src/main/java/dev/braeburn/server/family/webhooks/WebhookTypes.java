package dev.braeburn.server.family.webhooks;

/** The resource types of the family. */
final class WebhookTypes {
  static final String WEBHOOKS = "webhooks";
  static final String DELIVERIES = "webhookDeliveries";
  static final String EVENTS = "webhookEvents";
  static final String PINGS = "webhookPings";
  static final String APPS = "apps";

  private WebhookTypes() {}
}
