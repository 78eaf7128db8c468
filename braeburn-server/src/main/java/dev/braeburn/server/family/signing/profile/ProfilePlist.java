package dev.braeburn.server.family.signing.profile;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The XML plist inside a {@code .mobileprovision} (provisioning.md §4.4): Apple's keys in Apple's
 * order (dd-plist keeps insertion order and indents with tabs, as Apple's files do), the
 * entitlements sorted by key [INFER: the recorded profiles list them alphabetically].
 */
final class ProfilePlist {
  private ProfilePlist() {}

  static byte[] xml(ProfileFacts facts, byte[] derEncodedProfile) {
    NSDictionary plist = new NSDictionary();
    plist.put("AppIDName", facts.appIdName());
    plist.put("ApplicationIdentifierPrefix", strings(List.of(facts.prefix())));
    plist.put("CreationDate", new NSDate(Date.from(facts.creation())));
    plist.put("Platform", strings(facts.platforms()));
    plist.put("IsXcodeManaged", new NSNumber(false));
    plist.put("DeveloperCertificates", new NSArray(facts.certificates().stream().map(NSData::new).toArray(NSObject[]::new)));
    plist.put("DER-Encoded-Profile", new NSData(derEncodedProfile));
    plist.put("Entitlements", dictionary(facts.entitlements()));
    plist.put("ExpirationDate", new NSDate(Date.from(facts.expiration())));
    plist.put("Name", facts.name());
    if (facts.provisionsAllDevices()) {
      plist.put("ProvisionsAllDevices", new NSNumber(true));
    } else if (!facts.devices().isEmpty()) {
      plist.put("ProvisionedDevices", strings(facts.devices()));
    }
    plist.put("TeamIdentifier", strings(List.of(facts.teamId())));
    plist.put("TeamName", facts.teamName());
    plist.put("TimeToLive", new NSNumber(facts.timeToLiveDays()));
    plist.put("UUID", facts.uuid());
    plist.put("Version", new NSNumber(1));
    return plist.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
  }

  private static NSDictionary dictionary(Map<String, Object> entries) {
    NSDictionary out = new NSDictionary();
    entries.forEach((key, value) -> out.put(key, value(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static NSObject value(Object value) {
    return switch (value) {
      case Boolean b -> new NSNumber(b);
      case String s -> new NSString(s);
      case List<?> list -> strings((List<String>) list);
      default -> throw new IllegalArgumentException("an entitlement value is a boolean, a string or a list of strings: " + value);
    };
  }

  private static NSArray strings(List<String> values) {
    return new NSArray(values.stream().map(NSString::new).toArray(NSObject[]::new));
  }
}
