package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.Graph;

/**
 * Certificates, Identifiers & Profiles (docs/signing.md, "Certificates", "Bundle IDs and
 * capabilities", "Devices"): certificates issued from CSRs by Braeburn's authority (provisioning.md
 * §3), bundle IDs, their capabilities and devices, with the rules of §5 and §6. What the type rules' table can say (initial values, fixed attributes)
 * is there; these classes check what it cannot (forms, uniqueness, limits).
 */
public final class SigningFamily implements Family {
  /** provisioning.md §6.2: 100 devices per product family and membership year. */
  public static final int DEVICE_LIMIT = 100;

  private SeededCertificates seededCertificates;

  @Override
  public void install(FamilyContext context) {
    Graph graph = new Graph(context.services());
    Capabilities capabilities = new Capabilities(graph);
    BundleIds bundleIds = new BundleIds(graph, capabilities);
    Devices devices = new Devices(graph, DEVICE_LIMIT);
    // the authority is stored in the database: this holder reads the one every holder shares (wall time only makes a new one)
    var authorities = new dev.braeburn.server.family.signing.ca.CertificateAuthorities(context.services().store(), java.time.Clock.systemUTC());
    Certificates certificates = new Certificates(graph, authorities);
    seededCertificates = new SeededCertificates(graph, authorities);
    context.handlers()
        .register("bundleIds_createInstance", bundleIds::create)
        .register("bundleIds_updateInstance", bundleIds::update)
        .register("bundleIds_deleteInstance", bundleIds::delete)
        .register("bundleIdCapabilities_createInstance", capabilities::create)
        .register("bundleIdCapabilities_updateInstance", capabilities::update)
        .register("devices_createInstance", devices::create)
        .register("certificates_createInstance", certificates::create);
  }

  /** A seed's certificates become real ones issued by Braeburn's authority ({@link SeededCertificates}). */
  @Override
  public void afterLoad(dev.braeburn.server.store.StoreTx tx, java.util.List<dev.braeburn.server.store.Resource> loaded) {
    seededCertificates.afterLoad(tx, loaded);
  }
}
