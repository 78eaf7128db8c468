package dev.braeburn.server.family;

import dev.braeburn.server.family.webhooks.WebhooksFamily;
import java.util.List;

/**
 * The families every server installs, in order. A family that is also {@link WebhookEvents} (the
 * webhooks family) comes first: the others announce their changes through it.
 */
public final class Families {
  private Families() {}

  public static List<Family> all() {
    return List.of(new WebhooksFamily(), new dev.braeburn.server.family.uploads.UploadsFamily(), new dev.braeburn.server.family.testflight.TestFlightFamily(),
        new dev.braeburn.server.family.release.ReleaseFamily(),
        new dev.braeburn.server.family.signing.SigningFamily(),
        new dev.braeburn.server.family.commerce.pricing.PricingFamily(), new dev.braeburn.server.family.reports.ReportsFamily());
  }
}
