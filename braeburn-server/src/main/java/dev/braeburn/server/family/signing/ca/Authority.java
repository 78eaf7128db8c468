package dev.braeburn.server.family.signing.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Every certificate of Braeburn's certificate authority, laid out the way Apple's are
 * (provisioning.md §3.4, §4.4) but named as Braeburn's: an RSA root with the developer-relations
 * intermediates per certificate generation and the profile-signing chain; an EC root ("- G3", P-384)
 * with the intermediate and leaf that sign App Store data (App Store Server API) and the chain of a
 * profile's DER-encoded form. Listed issuers first, so the authority is made in this order.
 */
public enum Authority {
  ROOT(Kind.ROOT, null, Key.RSA_2048, "Braeburn Root CA", "Braeburn Certification Authority", null),
  /** Issues Apple Development/Distribution, iOS and Mac development/distribution, installer, merchant certificates. */
  WWDR_G3(Kind.INTERMEDIATE, ROOT, Key.RSA_2048, "Braeburn Worldwide Developer Relations Certification Authority", "G3",
      Markers.WWDR_CA),
  /** Issues pass type ID, push (APNs) and other service certificates. */
  WWDR_G4(Kind.INTERMEDIATE, ROOT, Key.RSA_2048, "Braeburn Worldwide Developer Relations Certification Authority", "G4",
      Markers.WWDR_CA),
  /** Issues Developer ID Application / Installer / Kext certificates. */
  DEVELOPER_ID_G2(Kind.INTERMEDIATE, ROOT, Key.RSA_2048, "Braeburn Developer ID Certification Authority", "G2",
      Markers.DEVELOPER_ID_CA),
  /** The profile-signing intermediate ("Apple iPhone Certification Authority", §4.4: chain length 3). */
  IPHONE_CA(Kind.INTERMEDIATE, ROOT, Key.RSA_2048, "Braeburn iPhone Certification Authority", "Braeburn Certification Authority",
      null),
  /** Signs {@code .mobileprovision} documents (CMS SignedData over the plist, §4.4). */
  PROFILE_SIGNING(Kind.LEAF, IPHONE_CA, Key.RSA_2048, "Braeburn iPhone OS Provisioning Profile Signing", null, null),
  ROOT_G3(Kind.ROOT, null, Key.EC_P384, "Braeburn Root CA - G3", "Braeburn Certification Authority", null),
  /** Apple's "Worldwide Developer Relations Certification Authority" G6 issues the App Store data signer. */
  WWDR_G6(Kind.INTERMEDIATE, ROOT_G3, Key.EC_P256, "Braeburn Worldwide Developer Relations Certification Authority", "G6",
      Markers.WWDR_CA),
  /** Signs App Store data (JWS of transactions and notifications, receipts) like Apple's "Prod ECC … Receipt Signing". */
  STORE_DATA_SIGNING(Kind.LEAF, WWDR_G6, Key.EC_P256, "Braeburn ECC Mac App Store and iTunes Store Receipt Signing",
      "Braeburn Worldwide Developer Relations", Markers.STORE_RECEIPT_SIGNING),
  /** Apple System Integration CA 4: issues the signer of a profile's DER-Encoded-Profile (§4.4). */
  SYSTEM_INTEGRATION_CA_4(Kind.INTERMEDIATE, ROOT_G3, Key.EC_P256, "Braeburn System Integration CA 4",
      "Braeburn Certification Authority", Markers.SYSTEM_INTEGRATION_CA_4),
  /** Signs a profile's DER-Encoded-Profile (ecdsa-with-SHA256, §4.4). */
  DER_PROFILE_SIGNING(Kind.LEAF, SYSTEM_INTEGRATION_CA_4, Key.EC_P256, "Braeburn WWDR Provisioning Profile Signing", null,
      Markers.DER_PROFILE_SIGNING);

  /** Where a certificate stands in the hierarchy. */
  public enum Kind { ROOT, INTERMEDIATE, LEAF }

  /** Key types: Apple's RSA chains use 2048-bit keys; its ECC root P-384, the certificates under it P-256. */
  enum Key { RSA_2048, EC_P384, EC_P256 }

  private final Kind kind;
  private final Authority issuer;
  private final Key key;
  private final String commonName;
  private final String organizationalUnit;
  private final String marker;

  Authority(Kind kind, Authority issuer, Key key, String commonName, String organizationalUnit, String marker) {
    this.kind = kind;
    this.issuer = issuer;
    this.key = key;
    this.commonName = commonName;
    this.organizationalUnit = organizationalUnit;
    this.marker = marker;
  }

  public Kind kind() {
    return kind;
  }

  /** The authority that signs this one's certificate; itself for a root. */
  public Authority issuer() {
    return issuer == null ? this : issuer;
  }

  Key key() {
    return key;
  }

  /** Apple's marker extension (non-critical, DER NULL) that verifiers look for; null where none is known. */
  String marker() {
    return marker;
  }

  /** The subject, encoded C, O, OU, CN like Apple's (C PrintableString, the rest UTF8String). */
  public X500Name subject() {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US").addRDN(BCStyle.O, "Braeburn");
    if (organizationalUnit != null) {
      name.addRDN(BCStyle.OU, organizationalUnit);
    }
    return name.addRDN(BCStyle.CN, commonName).build();
  }

  /** Apple's OIDs for the CA-side markers (provisioning.md §3.3 "CA-side marker", §4.4). */
  static final class Markers {
    static final String WWDR_CA = "1.2.840.113635.100.6.2.1";
    static final String DEVELOPER_ID_CA = "1.2.840.113635.100.6.2.6";
    static final String SYSTEM_INTEGRATION_CA_4 = "1.2.840.113635.100.6.2.17";
    static final String DER_PROFILE_SIGNING = "1.2.840.113635.100.12.19";
    /** What the App Store Server Library checks on the leaf of a signed transaction [INFER from its source]. */
    static final String STORE_RECEIPT_SIGNING = "1.2.840.113635.100.6.11.1";

    private Markers() {}
  }
}
