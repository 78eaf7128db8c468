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

  @Override
  public void install(FamilyContext context) {
    Graph graph = new Graph(context.services());
    Capabilities capabilities = new Capabilities(graph);
    BundleIds bundleIds = new BundleIds(graph, capabilities);
    Devices devices = new Devices(graph, DEVICE_LIMIT);
    // the authority is stored in the database: this holder reads the one every holder shares (wall time only makes a new one)
    Certificates certificates = new Certificates(graph,
        new dev.braeburn.server.family.signing.ca.CertificateAuthorities(context.services().store(), java.time.Clock.systemUTC()));
    ServiceIds merchantIds = new ServiceIds(graph, ServiceIds.Kind.MERCHANT);
    ServiceIds passTypeIds = new ServiceIds(graph, ServiceIds.Kind.PASS_TYPE);
    context.handlers()
        .register("bundleIds_createInstance", bundleIds::create)
        .register("bundleIds_updateInstance", bundleIds::update)
        .register("bundleIds_deleteInstance", bundleIds::delete)
        .register("bundleIdCapabilities_createInstance", capabilities::create)
        .register("bundleIdCapabilities_updateInstance", capabilities::update)
        .register("devices_createInstance", devices::create)
        .register("certificates_createInstance", certificates::create)
        .register("merchantIds_createInstance", merchantIds::create)
        .register("merchantIds_updateInstance", merchantIds::update)
        .register("merchantIds_deleteInstance", merchantIds::delete)
        .register("passTypeIds_createInstance", passTypeIds::create)
        .register("passTypeIds_updateInstance", passTypeIds::update)
        .register("passTypeIds_deleteInstance", passTypeIds::delete);
  }
}
