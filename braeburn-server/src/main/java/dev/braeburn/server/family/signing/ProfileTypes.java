package dev.braeburn.server.family.signing;

import static dev.braeburn.server.family.signing.CertificateTypes.DEVELOPER_ID_APPLICATION;
import static dev.braeburn.server.family.signing.CertificateTypes.DEVELOPER_ID_APPLICATION_G2;
import static dev.braeburn.server.family.signing.CertificateTypes.DEVELOPMENT;
import static dev.braeburn.server.family.signing.CertificateTypes.DISTRIBUTION;
import static dev.braeburn.server.family.signing.CertificateTypes.IOS_DEVELOPMENT;
import static dev.braeburn.server.family.signing.CertificateTypes.IOS_DISTRIBUTION;
import static dev.braeburn.server.family.signing.CertificateTypes.MAC_APP_DISTRIBUTION;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each profile type takes and says (provisioning.md §4.1, §4.4): devices required, forbidden
 * or all; the certificate types it accepts; the device classes; the bundle ID platforms; how the
 * entitlements are keyed; the plist's {@code Platform}; {@code ProfileDistributionType}; whether it
 * debugs ({@code get-task-allow}); beta reports; the lifetime.
 */
enum ProfileTypes {
  IOS_APP_DEVELOPMENT(DeviceList.REQUIRED, Kind.IOS, Distribution.LIMITED, List.of(DEVELOPMENT, IOS_DEVELOPMENT)),
  IOS_APP_STORE(DeviceList.FORBIDDEN, Kind.IOS, Distribution.STORE, List.of(DISTRIBUTION, IOS_DISTRIBUTION)),
  IOS_APP_ADHOC(DeviceList.REQUIRED, Kind.IOS, Distribution.ADHOC, List.of(DISTRIBUTION, IOS_DISTRIBUTION)),
  // §4.1: enterprise teams have no Apple Distribution certificates
  IOS_APP_INHOUSE(DeviceList.ALL, Kind.IOS, Distribution.ENTERPRISE, List.of(IOS_DISTRIBUTION)),
  MAC_APP_DEVELOPMENT(DeviceList.REQUIRED, Kind.MAC, Distribution.LIMITED, List.of(DEVELOPMENT, CertificateTypes.MAC_APP_DEVELOPMENT)),
  MAC_APP_STORE(DeviceList.FORBIDDEN, Kind.MAC, Distribution.STORE, List.of(DISTRIBUTION, MAC_APP_DISTRIBUTION)),
  MAC_APP_DIRECT(DeviceList.ALL, Kind.MAC, Distribution.DEVELOPER_ID, List.of(DEVELOPER_ID_APPLICATION, DEVELOPER_ID_APPLICATION_G2)),
  TVOS_APP_DEVELOPMENT(DeviceList.REQUIRED, Kind.TVOS, Distribution.LIMITED, List.of(DEVELOPMENT, IOS_DEVELOPMENT)),
  TVOS_APP_STORE(DeviceList.FORBIDDEN, Kind.TVOS, Distribution.STORE, List.of(DISTRIBUTION, IOS_DISTRIBUTION)),
  TVOS_APP_ADHOC(DeviceList.REQUIRED, Kind.TVOS, Distribution.ADHOC, List.of(DISTRIBUTION, IOS_DISTRIBUTION)),
  TVOS_APP_INHOUSE(DeviceList.ALL, Kind.TVOS, Distribution.ENTERPRISE, List.of(IOS_DISTRIBUTION)),
  MAC_CATALYST_APP_DEVELOPMENT(DeviceList.REQUIRED, Kind.CATALYST, Distribution.LIMITED, List.of(DEVELOPMENT, CertificateTypes.MAC_APP_DEVELOPMENT)),
  MAC_CATALYST_APP_STORE(DeviceList.FORBIDDEN, Kind.CATALYST, Distribution.STORE, List.of(DISTRIBUTION, MAC_APP_DISTRIBUTION)),
  MAC_CATALYST_APP_DIRECT(DeviceList.ALL, Kind.CATALYST, Distribution.DEVELOPER_ID,
      List.of(DEVELOPER_ID_APPLICATION, DEVELOPER_ID_APPLICATION_G2));

  /** §4.1: the device list a profile type needs. */
  enum DeviceList {
    /** Development and ad hoc: at least one enabled device. */
    REQUIRED,
    /** App Store: none ("No devices can be associated …", recorded). */
    FORBIDDEN,
    /** In-House and Developer ID: none named, ProvisionsAllDevices (§4.4, TN3125). */
    ALL
  }

  /**
   * The platform a profile is for: its device classes (§4.1), its bundle IDs' platforms, its plist
   * {@code Platform} (§4.4: iOS profiles list iOS, xrOS and visionOS since 2024; Mac ones OSX; tvOS
   * and Catalyst inferred) and its entitlements' keys (§4.4: Mac profiles use
   * com.apple.application-identifier, Catalyst both).
   */
  enum Kind {
    IOS(Set.of("IPHONE", "IPAD", "IPOD", "APPLE_WATCH", "APPLE_VISION_PRO", "MAC"), Set.of("IOS", "UNIVERSAL"),
        List.of("iOS", "xrOS", "visionOS"), "IOS"),
    TVOS(Set.of("APPLE_TV"), Set.of("IOS", "UNIVERSAL"), List.of("tvOS"), "IOS"),
    MAC(Set.of("MAC"), Set.of("MAC_OS", "UNIVERSAL"), List.of("OSX"), "MAC"),
    CATALYST(Set.of("MAC"), Set.of("IOS", "UNIVERSAL"), List.of("OSX"), "CATALYST");

    final Set<String> deviceClasses;
    final Set<String> bundleIdPlatforms;
    final List<String> plistPlatforms;
    /** The entitlements.json "base" these profiles start from. */
    final String entitlementBase;

    Kind(Set<String> deviceClasses, Set<String> bundleIdPlatforms, List<String> plistPlatforms, String entitlementBase) {
      this.deviceClasses = deviceClasses;
      this.bundleIdPlatforms = bundleIdPlatforms;
      this.plistPlatforms = plistPlatforms;
      this.entitlementBase = entitlementBase;
    }

    /** How Apple's profile refusal names the platform ("You are not allowed to create 'iOS' profile …", §4.3). */
    String displayName() {
      return switch (this) {
        case IOS -> "iOS";
        case TVOS -> "tvOS";
        case MAC -> "macOS";
        case CATALYST -> "Mac Catalyst";
      };
    }
  }

  /**
   * {@code ProfileDistributionType} (§4.4: LIMITED, ADHOC and STORE recorded; ENTERPRISE and
   * DEVELOPER_ID inferred) and the lifetime: 365 days (§4.2, recorded), Developer ID "far in the
   * future" (TN3125) — 18 years [INFER].
   */
  enum Distribution {
    LIMITED(365, true, false),
    ADHOC(365, false, true),
    STORE(365, false, true),
    ENTERPRISE(365, false, false),
    DEVELOPER_ID(6570, false, false);

    final int timeToLiveDays;
    /** get-task-allow: a development profile lets a debugger attach. */
    final boolean development;
    /** §4.4: App Store and ad hoc profiles carry beta-reports-active (recorded on an App Store profile). */
    final boolean betaReports;

    Distribution(int timeToLiveDays, boolean development, boolean betaReports) {
      this.timeToLiveDays = timeToLiveDays;
      this.development = development;
      this.betaReports = betaReports;
    }
  }

  private static final Map<String, ProfileTypes> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Enum::name, Function.identity()));

  final DeviceList devices;
  final Kind kind;
  final Distribution distribution;
  final Set<String> certificateTypes;

  ProfileTypes(DeviceList devices, Kind kind, Distribution distribution, List<CertificateTypes> certificateTypes) {
    this.devices = devices;
    this.kind = kind;
    this.distribution = distribution;
    this.certificateTypes = certificateTypes.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
  }

  static Optional<ProfileTypes> of(String profileType) {
    return Optional.ofNullable(BY_NAME.get(profileType));
  }
}
