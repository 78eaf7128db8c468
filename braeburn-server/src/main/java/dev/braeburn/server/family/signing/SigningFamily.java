package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Certificates, Identifiers & Profiles (docs/signing.md): certificates issued from CSRs by
 * Braeburn's authority (provisioning.md §3), bundle IDs, their capabilities, devices, and profiles
 * signed as real {@code .mobileprovision} documents (§4) whose state follows what they depend on.
 * What the type rules' table can say (initial values, fixed attributes, the profile state machine)
 * is there; these classes check what it cannot (forms, uniqueness, limits, cross-resource rules).
 */
public final class SigningFamily implements Family {
  /** provisioning.md §6.2: 100 devices per product family and membership year. */
  public static final int DEVICE_LIMIT = 100;

  private SeededProfiles seededProfiles;
  private CertificateAuthorities authorities;
  private SeededCertificates seededCertificates;

  @Override
  public void install(FamilyContext context) {
    Graph graph = new Graph(context.services());
    // the authority is stored in the database: this holder reads the one every holder shares (wall time only makes a new one)
    authorities = new CertificateAuthorities(context.services().store(), Clock.systemUTC());
    ProfileStates profileStates = new ProfileStates(graph);
    Capabilities capabilities = new Capabilities(graph, profileStates);
    BundleIds bundleIds = new BundleIds(graph, capabilities, profileStates);
    Devices devices = new Devices(graph, DEVICE_LIMIT, profileStates);
    Certificates certificates = new Certificates(graph, authorities, profileStates);
    Entitlements entitlements = Entitlements.load(Set.copyOf(context.services().model().spec().schema("CapabilityType").enumValues()));
    ProfileContents profileContents = new ProfileContents(graph, entitlements);
    Profiles profiles = new Profiles(graph, authorities, profileContents, profileStates);
    seededProfiles = new SeededProfiles(graph, profileContents, profileStates);
    seededCertificates = new SeededCertificates(graph, authorities);
    ServiceIds merchantIds = new ServiceIds(graph, ServiceIds.Kind.MERCHANT);
    ServiceIds passTypeIds = new ServiceIds(graph, ServiceIds.Kind.PASS_TYPE);
    context.handlers()
        .register("bundleIds_createInstance", bundleIds::create)
        .register("bundleIds_updateInstance", bundleIds::update)
        .register("bundleIds_deleteInstance", bundleIds::delete)
        .register("bundleIdCapabilities_createInstance", capabilities::create)
        .register("bundleIdCapabilities_updateInstance", capabilities::update)
        .register("bundleIdCapabilities_deleteInstance", capabilities::delete)
        .register("devices_createInstance", devices::create)
        .register("devices_updateInstance", devices::update)
        .register("certificates_createInstance", certificates::create)
        .register("certificates_deleteInstance", certificates::revoke)
        .register("profiles_createInstance", profiles::create)
        .register("merchantIds_createInstance", merchantIds::create)
        .register("merchantIds_updateInstance", merchantIds::update)
        .register("merchantIds_deleteInstance", merchantIds::delete)
        .register("passTypeIds_createInstance", passTypeIds::create)
        .register("passTypeIds_updateInstance", passTypeIds::update)
        .register("passTypeIds_deleteInstance", passTypeIds::delete);
    context.scheduler().register(ProfileStates.CHECK_TASK, profileStates::run);
  }

  /** Loaded signing resources become real: certificates issued, profiles signed, App IDs given the team ID as prefix, expiry watched. */
  @Override
  public void afterLoad(StoreTx tx, List<Resource> loaded) {
    seededCertificates.afterLoad(tx, loaded); // first: the profiles embed the certificates
    seededProfiles.afterLoad(tx, loaded, () -> authorities.get(tx));
  }
}
