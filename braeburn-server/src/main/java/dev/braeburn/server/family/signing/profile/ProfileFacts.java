package dev.braeburn.server.family.signing.profile;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What a provisioning profile says (provisioning.md §4.4), gathered by the signing family and
 * written by {@link MobileProvision} into the plist and its DER-encoded twin.
 *
 * @param appIdName the bundle ID's name (plist {@code AppIDName})
 * @param prefix the bundle ID's seed ID ({@code ApplicationIdentifierPrefix})
 * @param platforms the plist's {@code Platform} values ({@code iOS}, {@code OSX} …)
 * @param certificates the DER of every certificate the profile names
 * @param devices the UDIDs of a development or ad hoc profile; null for a profile that provisions
 *     all devices (In-House, Developer ID), empty for an App Store profile (no device key)
 * @param entitlements the {@code Entitlements} dictionary: Boolean, String or List of String values
 * @param distributionType {@code ProfileDistributionType} of the DER form ({@code LIMITED}, {@code ADHOC}, {@code STORE} …)
 */
public record ProfileFacts(
    String name,
    String uuid,
    String appIdName,
    String prefix,
    String teamId,
    String teamName,
    List<String> platforms,
    Instant creation,
    Instant expiration,
    List<byte[]> certificates,
    List<String> devices,
    SortedMap<String, Object> entitlements,
    String distributionType) {

  /** Whole days from creation to expiration (365 for a profile made now; fewer where the expiry was capped, as in 2015's). */
  public int timeToLiveDays() {
    return (int) java.time.Duration.between(creation, expiration).toDays();
  }

  public boolean provisionsAllDevices() {
    return devices == null;
  }
}
