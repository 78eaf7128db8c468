package dev.braeburn.server.family.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject Apple writes into a certificate, whatever the CSR says (provisioning.md §3.1, §3.3):
 * encoded in the order {@code UID, CN, OU, O, C}, UTF8String except C (PrintableString, as Bouncy
 * Castle's style encodes it). UID is the requester's id on development certificates and the team ID
 * on the rest; CN is "<prefix>: <name> (<UID>)"; OU the team ID; O the team name; C US [INFER: Braeburn
 * keeps no team country]. Certificates issued for a pass type or merchant ID carry that identifier
 * as UID and CN "<prefix>: <identifier>" ("Pass Type ID: pass.com.example", "Merchant ID:
 * merchant.com.example"), as Apple's pass certificates do [INFER: not in §3.3's decoded samples].
 */
final class CertificateSubjects {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  /** §3.2: the person named on certificates created with a team API key. */
  static final String API_PERSON = "Created via API";

  private CertificateSubjects() {}

  static X500Name subject(CertificateTypes type, String teamId, String teamName, String requesterId) {
    return subject(type, teamId, teamName, requesterId, API_PERSON, null);
  }

  /**
   * {@link #subject(CertificateTypes, String, String, String)} naming {@code person} on a personal
   * (development) certificate, and for a pass type or merchant certificate its {@code identifier}
   * (null for the rest).
   */
  static X500Name subject(CertificateTypes type, String teamId, String teamName, String requesterId, String person, String identifier) {
    String uid = identifier != null ? identifier : type.personal ? requesterId : teamId;
    String name = type.personal ? person : teamName;
    // fastlane match splits "/UID=…/CN=…" on '/' (§3.3): a '/' in a name would break it
    String commonName = identifier != null ? type.commonNamePrefix + ": " + identifier
        : type.commonNamePrefix + ": " + name.replace('/', '-') + " (" + uid + ")";
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.UID, uid)
        .addRDN(BCStyle.CN, commonName)
        .addRDN(BCStyle.OU, teamId)
        .addRDN(BCStyle.O, teamName.replace('/', '-'))
        .addRDN(BCStyle.C, "US")
        .build();
  }

  /**
   * The requester's 10-character id: §3.3 saw two API-created development certificates of one team
   * carry different UIDs, so Apple mints a pseudo-person per API key [INFER]; Braeburn derives it
   * from the key id, so one key always gets the same.
   */
  static String requesterId(String issuerId, String keyId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((issuerId + "/" + keyId).getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        id.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
      }
      return id.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
