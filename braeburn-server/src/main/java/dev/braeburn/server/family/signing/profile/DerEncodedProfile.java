package dev.braeburn.server.family.signing.profile;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1Boolean;

/**
 * A profile's {@code DER-Encoded-Profile} payload (provisioning.md §4.4, TN3125): a DER {@code SET}
 * (so sorted by encoding) of {@code SEQUENCE { UTF8String key, value }} — strings as UTF8String,
 * integers as NumericString, dates as UTCTime, booleans as BOOLEAN, arrays as SEQUENCE of
 * UTF8String, {@code DeveloperCertificates} as the SHA-256 of each certificate, and the entitlements
 * as {@code [APPLICATION 16] { INTEGER 1, [CONTEXT 16] { SEQUENCE { key, value } … } }}. iOS 15 and
 * later read this form rather than the plist.
 */
final class DerEncodedProfile {
  private DerEncodedProfile() {}

  static byte[] payload(ProfileFacts facts) {
    ASN1EncodableVector entries = new ASN1EncodableVector();
    entries.add(entry("AppIDName", new DERUTF8String(facts.appIdName())));
    entries.add(entry("ApplicationIdentifierPrefix", utf8Sequence(List.of(facts.prefix()))));
    entries.add(entry("CreationDate", new DERUTCTime(Date.from(facts.creation()))));
    entries.add(entry("DeveloperCertificates", new DERSequence(facts.certificates().stream()
        .map(der -> (ASN1Encodable) new DEROctetString(sha256(der))).toArray(ASN1Encodable[]::new))));
    entries.add(entry("Entitlements", entitlements(facts.entitlements())));
    entries.add(entry("ExpirationDate", new DERUTCTime(Date.from(facts.expiration()))));
    entries.add(entry("Name", new DERUTF8String(facts.name())));
    entries.add(entry("Platform", utf8Sequence(facts.platforms())));
    entries.add(entry("ProfileDistributionType", new DERUTF8String(facts.distributionType())));
    if (facts.provisionsAllDevices()) {
      entries.add(entry("ProvisionsAllDevices", ASN1Boolean.TRUE));
    } else if (!facts.devices().isEmpty()) {
      entries.add(entry("ProvisionedDevices", utf8Sequence(facts.devices())));
    }
    entries.add(entry("TeamIdentifier", utf8Sequence(List.of(facts.teamId()))));
    entries.add(entry("TeamName", new DERUTF8String(facts.teamName())));
    entries.add(entry("TimeToLive", new DERNumericString(Integer.toString(facts.timeToLiveDays()))));
    entries.add(entry("UUID", new DERUTF8String(facts.uuid())));
    entries.add(entry("Version", new DERNumericString("1")));
    try {
      return new DERSet(entries).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ASN1Encodable entitlements(Map<String, Object> entitlements) {
    ASN1EncodableVector pairs = new ASN1EncodableVector();
    entitlements.forEach((key, value) -> pairs.add(entry(key, value(value))));
    return new DERTaggedObject(false, BERTags.APPLICATION, 16, new DERSequence(new ASN1Encodable[] {
        new ASN1Integer(1), new DERTaggedObject(false, BERTags.CONTEXT_SPECIFIC, 16, new DERSequence(pairs))}));
  }

  @SuppressWarnings("unchecked")
  private static ASN1Encodable value(Object value) {
    return switch (value) {
      case Boolean b -> ASN1Boolean.getInstance(b.booleanValue());
      case String s -> new DERUTF8String(s);
      case List<?> list -> utf8Sequence((List<String>) list);
      default -> throw new IllegalArgumentException("an entitlement value is a boolean, a string or a list of strings: " + value);
    };
  }

  private static DERSequence entry(String key, ASN1Encodable value) {
    return new DERSequence(new ASN1Encodable[] {new DERUTF8String(key), value});
  }

  private static DERSequence utf8Sequence(List<String> values) {
    List<ASN1Encodable> items = new ArrayList<>();
    values.forEach(v -> items.add(new DERUTF8String(v)));
    return new DERSequence(items.toArray(ASN1Encodable[]::new));
  }

  private static byte[] sha256(byte[] der) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(der);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
