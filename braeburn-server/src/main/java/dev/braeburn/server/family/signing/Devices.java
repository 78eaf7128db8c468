package dev.braeburn.server.family.signing;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/devices} (provisioning.md §6): the UDID's form for the platform, one device per
 * UDID in the team, the yearly limit per product family, and the class derived from the UDID.
 * The API has no DELETE (the router refuses it).
 */
final class Devices {
  static final String TYPE = "devices";
  /** §6.2: how Apple's 403 names the product family of each device class (iPhone recorded, the rest inferred). */
  private static final Map<String, String> PRODUCT_FAMILIES = Map.of("IPHONE", "iPhone", "IPAD", "iPad", "IPOD", "iPod touch",
      "APPLE_WATCH", "Apple Watch", "APPLE_TV", "Apple TV", "APPLE_VISION_PRO", "Apple Vision Pro", "MAC", "Mac");
  /** The membership year, taken as the 365 days before now [INFER: Braeburn models no membership dates]. */
  private static final int YEAR_DAYS = 365;

  private final Graph graph;
  private final int yearlyLimit;
  private final ProfileStates profiles;

  /** {@code yearlyLimit}: §6.2's 100 devices per product family and membership year. */
  Devices(Graph graph, int yearlyLimit, ProfileStates profiles) {
    this.graph = graph;
    this.yearlyLimit = yearlyLimit;
    this.profiles = profiles;
  }

  /** Rename and ENABLED/DISABLED (§6.2); disabling a device invalidates the profiles that name it (§4.5 [INFER]). */
  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      if ("ENABLED".equals(stored.attributes().path("status").asText()) && "DISABLED".equals(merged.path("status").asText())) {
        profiles.deviceDisabled(tx, stored);
      }
    });
  }

  ApiResponse create(OperationContext ctx) {
    String udid = ctx.body().attributes().path("udid").asText();
    String platform = ctx.body().attributes().path("platform").asText();
    if (!Udids.valid(udid, platform)) {
      throw new ApiException(List.of(SigningErrors.udidInvalid(udid)), "'" + udid + "' is not a UDID Apple registers for platform "
          + platform + " (provisioning.md §6.1, §6.2 recorded body): iOS devices have 40 hex digits or 8 hex, a dash and 16 hex "
          + "(00008101-001A2B3C4D5E001E); Macs the latter or their provisioning UUID (8-4-4-4-12) with platform MAC_OS.");
    }
    return GenericWrites.create(ctx, (tx, created) -> {
      checkUnique(tx, udid, created.id());
      String deviceClass = Udids.deviceClass(udid, platform);
      checkLimit(tx, deviceClass, created.id());
      graph.update(tx, created, graph.object().put("deviceClass", deviceClass));
    });
  }

  private static void checkUnique(StoreTx tx, String udid, String createdId) {
    String wanted = Udids.comparable(udid);
    for (Resource device : SigningReads.all(tx, TYPE)) {
      if (!device.id().equals(createdId) && Udids.comparable(device.attributes().path("udid").asText()).equals(wanted)) {
        throw new ApiException(List.of(SigningErrors.udidTaken(udid)), "The team already registered this UDID as device " + device.id()
            + " ('" + device.attributes().path("name").asText() + "', " + device.attributes().path("status").asText()
            + "); Apple compares UDIDs ignoring case and the dash (provisioning.md §6.2, recorded). Enable or rename that device "
            + "with PATCH /v1/devices/" + device.id() + " instead.");
      }
    }
  }

  /** §6.2: disabled devices count too; only the start of a membership year resets the list. */
  private void checkLimit(StoreTx tx, String deviceClass, String createdId) {
    Instant since = graph.now().minus(YEAR_DAYS, ChronoUnit.DAYS);
    long count = SigningReads.all(tx, TYPE).stream()
        .filter(d -> !d.id().equals(createdId) && d.attributes().path("deviceClass").asText().equals(deviceClass))
        .filter(d -> addedSince(d, since))
        .count();
    if (count >= yearlyLimit) {
      String family = PRODUCT_FAMILIES.getOrDefault(deviceClass, deviceClass);
      throw new ApiException(List.of(SigningErrors.deviceLimit(family)), "The team has registered " + count + " " + family
          + " devices in the last " + YEAR_DAYS + " days, enabled or disabled; Apple allows " + yearlyLimit
          + " per product family and membership year (provisioning.md §6.2, recorded 403; Braeburn counts the 365 days before "
          + "now as the membership year [inferred]). Disabling a device does not free a place; advance the clock past a year "
          + "or reuse a registered device.");
    }
  }

  private static boolean addedSince(Resource device, Instant since) {
    // a device without a readable date counts [INFER]
    return Graph.dateTime(device, "addedDate").map(added -> !added.isBefore(since)).orElse(true);
  }
}
