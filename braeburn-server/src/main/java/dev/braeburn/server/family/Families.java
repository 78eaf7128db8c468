package dev.braeburn.server.family;

import dev.braeburn.server.family.commerce.CommerceFamily;
import dev.braeburn.server.family.commerce.offers.OffersFamily;
import dev.braeburn.server.family.commerce.pricing.PricingFamily;
import dev.braeburn.server.family.release.ReleaseFamily;
import dev.braeburn.server.family.reports.ReportsFamily;
import dev.braeburn.server.family.signing.SigningFamily;
import dev.braeburn.server.family.testflight.TestFlightFamily;
import dev.braeburn.server.family.uploads.UploadsFamily;
import dev.braeburn.server.family.webhooks.WebhooksFamily;
import java.util.List;

/**
 * The families every server installs, in order. A family that is also {@link WebhookEvents} (the
 * webhooks family) comes first: the others announce their changes through it. The release and
 * commerce families meet in App Review: products ride in a version's review submission (commerce's
 * item hook) and are reviewed with the release family's settings.
 */
public final class Families {
  private Families() {}

  public static List<Family> all() {
    CommerceFamily commerce = new CommerceFamily();
    ReleaseFamily release = new ReleaseFamily(commerce.reviewItems());
    commerce.reviewSettings(release.reviewSettings());
    return List.of(new WebhooksFamily(), new UploadsFamily(commerce.assetChanges()), new TestFlightFamily(), release, new SigningFamily(),
        new PricingFamily(commerce.productChanges()), commerce,
        new OffersFamily(), new ReportsFamily(), new dev.braeburn.server.family.storekit.StoreKitFamily());
  }
}
