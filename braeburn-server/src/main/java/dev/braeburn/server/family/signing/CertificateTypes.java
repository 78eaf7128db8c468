package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.signing.ca.CertificateAuthority.Issuer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each certificate type issues (provisioning.md §3.3–3.5): the issuing intermediate (§3.4),
 * the common name's prefix and whose name it carries (§3.3 "Subject naming"), the extended key
 * usage and Apple's marker extensions (§3.3 table), the validity (§3.3, §3.7) and the per-team cap
 * with the name Apple's 409 gives the type (§3.5); the CSR's key, the identifier relationship the
 * create request needs (§3.1, §7) and who may create it (§3.5, §8: {@link CertificateCreators}).
 */
enum CertificateTypes {
  DEVELOPMENT("Apple Development", "Development", Issuer.WWDR_G3, true, Eku.CODE_SIGNING, List.of(".6.1.2", ".6.1.12"), 1, 2,
      Key.RSA_2048, null, CertificateCreators.DEVELOPERS),
  DISTRIBUTION("Apple Distribution", "Distribution", Issuer.WWDR_G3, false, Eku.CODE_SIGNING, List.of(".6.1.4", ".6.1.7"), 1, 3,
      Key.RSA_2048, null, CertificateCreators.MANAGERS),
  // §3.3: API-created iOS development certificates are named "iPhone Developer: …" (recorded 2019/2021)
  IOS_DEVELOPMENT("iPhone Developer", "iOS Development", Issuer.WWDR_G3, true, Eku.CODE_SIGNING, List.of(".6.1.2"), 1, 2,
      Key.RSA_2048, null, CertificateCreators.DEVELOPERS),
  IOS_DISTRIBUTION("iPhone Distribution", "iOS Distribution", Issuer.WWDR_G3, false, Eku.CODE_SIGNING, List.of(".6.1.4"), 1, 3,
      Key.RSA_2048, null, CertificateCreators.MANAGERS),
  MAC_APP_DEVELOPMENT("Mac Developer", "Mac Development", Issuer.WWDR_G3, true, Eku.CODE_SIGNING, List.of(".6.1.12"), 1, 2,
      Key.RSA_2048, null, CertificateCreators.DEVELOPERS),
  MAC_APP_DISTRIBUTION("3rd Party Mac Developer Application", "Mac App Distribution", Issuer.WWDR_G3, false, Eku.CODE_SIGNING,
      List.of(".6.1.7"), 1, 3, Key.RSA_2048, null, CertificateCreators.MANAGERS),
  MAC_INSTALLER_DISTRIBUTION("3rd Party Mac Developer Installer", "Mac Installer Distribution", Issuer.WWDR_G3, false,
      "1.2.840.113635.100.4.9", List.of(".6.1.8"), 1, 3,
      Key.RSA_2048, null, CertificateCreators.MANAGERS),
  DEVELOPER_ID_APPLICATION("Developer ID Application", "Developer ID Application", Issuer.DEVELOPER_ID_G2, false, Eku.CODE_SIGNING,
      List.of(".6.1.13"), 5, 5,
      Key.RSA_2048, null, CertificateCreators.ACCOUNT_HOLDER),
  DEVELOPER_ID_APPLICATION_G2("Developer ID Application", "Developer ID Application", Issuer.DEVELOPER_ID_G2, false, Eku.CODE_SIGNING,
      List.of(".6.1.13"), 5, 5,
      Key.RSA_2048, null, CertificateCreators.ACCOUNT_HOLDER),
  DEVELOPER_ID_INSTALLER("Developer ID Installer", "Developer ID Installer", Issuer.DEVELOPER_ID_G2, false,
      "1.2.840.113635.100.4.13", List.of(".6.1.14"), 5, 5,
      Key.RSA_2048, null, CertificateCreators.ACCOUNT_HOLDER),
  DEVELOPER_ID_KEXT("Developer ID Kernel Extension", "Developer ID Kernel Extension", Issuer.DEVELOPER_ID_G2, false, Eku.CODE_SIGNING,
      List.of(".6.1.18"), 5, 5,
      Key.RSA_2048, null, CertificateCreators.ACCOUNT_HOLDER),
  DEVELOPER_ID_KEXT_G2("Developer ID Kernel Extension", "Developer ID Kernel Extension", Issuer.DEVELOPER_ID_G2, false,
      Eku.CODE_SIGNING, List.of(".6.1.18"), 5, 5,
      Key.RSA_2048, null, CertificateCreators.ACCOUNT_HOLDER),
  PASS_TYPE_ID("Pass Type ID", "Pass Type ID", Issuer.WWDR_G4, false, Eku.CLIENT_AUTH, List.of(".6.1.16"), 1, 10,
      Key.RSA_2048, "passTypeId", CertificateCreators.MANAGERS),
  PASS_TYPE_ID_WITH_NFC("Pass Type ID with NFC", "Pass Type ID with NFC", Issuer.WWDR_G4, false, Eku.CLIENT_AUTH, List.of(".6.1.16"), 1, 10,
      Key.RSA_2048, "passTypeId", CertificateCreators.MANAGERS),
  // §3.3 has no rows for these: issued like the other service certificates, without a marker [INFER]
  APPLE_PAY("Apple Pay Payment Processing", "Apple Pay Payment Processing", Issuer.WWDR_G4, false, Eku.CLIENT_AUTH, List.of(), 1, 10,
      Key.EC_P256, "merchantId", CertificateCreators.MANAGERS),
  APPLE_PAY_RSA("Apple Pay Payment Processing", "Apple Pay Payment Processing", Issuer.WWDR_G4, false, Eku.CLIENT_AUTH, List.of(), 1, 10,
      Key.RSA_2048, "merchantId", CertificateCreators.MANAGERS),
  APPLE_PAY_MERCHANT_IDENTITY("Merchant ID", "Apple Pay Merchant Identity", Issuer.WWDR_G3, false, Eku.CLIENT_AUTH, List.of(), 1, 10,
      Key.RSA_2048, "merchantId", CertificateCreators.MANAGERS),
  APPLE_PAY_PSP_IDENTITY("Merchant ID", "Apple Pay Payment Platform Integrator Identity", Issuer.WWDR_G3, false, Eku.CLIENT_AUTH,
      List.of(), 1, 10,
      Key.RSA_2048, "merchantId", CertificateCreators.MANAGERS),
  IDENTITY_ACCESS("Identity Access", "Identity Access", Issuer.WWDR_G4, false, Eku.CLIENT_AUTH, List.of(), 1, 10,
      Key.RSA_2048, null, CertificateCreators.MANAGERS);

  static final String APPLE_OID = "1.2.840.113635.100";
  private static final Map<String, CertificateTypes> BY_NAME = java.util.Arrays.stream(values())
      .collect(java.util.stream.Collectors.toMap(Enum::name, t -> t));

  /** The common name's prefix ("Apple Development"). */
  final String commonNamePrefix;
  /** The type as Apple's limit 409 names it (§3.5, recorded for Development, Distribution, iOS Development, iOS Distribution). */
  final String limitName;
  final Issuer issuer;
  /** Development certificates belong to a person (UID and CN name the requester); the rest to the team (§3.3). */
  final boolean personal;
  final String extendedKeyUsage;
  final List<String> markers;
  /** §3.3: one year less a second; §3.7: Developer ID five years. */
  final int validityYears;
  /** §3.5 per-team cap, counting current certificates of the type [INFER: the defaults; Apple's caps are per person or team]. */
  final int limit;
  /** The CSR's key: RSA 2048, EC P-256 for the ECC Apple Pay payment-processing type (§7 [INFER]). */
  final Key key;
  /** The certificate create request's relationship naming the identifier it is issued for (§3.1, §7), or null. */
  final String identifierRelationship;
  /** Who may create it (§3.5, §8). */
  final CertificateCreators creators;

  CertificateTypes(String commonNamePrefix, String limitName, Issuer issuer, boolean personal, String extendedKeyUsage,
      List<String> markers, int validityYears, int limit, Key key, String identifierRelationship, CertificateCreators creators) {
    this.commonNamePrefix = commonNamePrefix;
    this.limitName = limitName;
    this.issuer = issuer;
    this.personal = personal;
    this.extendedKeyUsage = extendedKeyUsage;
    this.markers = markers.stream().map(m -> APPLE_OID + m).toList();
    this.validityYears = validityYears;
    this.limit = limit;
    this.key = key;
    this.identifierRelationship = identifierRelationship;
    this.creators = creators;
  }

  /** The key a CSR must carry for the type. */
  enum Key {
    RSA_2048("RSA 2048"),
    EC_P256("EC P-256");

    final String label;

    Key(String label) {
      this.label = label;
    }
  }

  static Optional<CertificateTypes> of(String certificateType) {
    return Optional.ofNullable(BY_NAME.get(certificateType));
  }

  private static final class Eku {
    static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  }
}
