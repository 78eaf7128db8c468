package dev.braeburn.server.family.release;

import dev.braeburn.server.store.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which screenshot sets a version of each platform must have before review (review-pipeline.md
 * §2.2). Apple's rule depends on the devices an app supports, which Braeburn does not model; the
 * table asks for the one set every app of the platform needs [INFER]: iPhone 6.5" — or 6.9"
 * (APP_IPHONE_67), which Apple takes in its place — on iOS, the desktop set on macOS, Apple TV on
 * tvOS, Apple Vision Pro on visionOS. An iPad set is not required (Braeburn cannot tell whether
 * the app runs on iPad). A missing set is reported under its recorded code and the detail's
 * device name (APP_IPHONE_65 → {@code iphone65}, recorded; the others follow that pattern, inferred).
 */
final class ScreenshotRequirements {
  /** One required set: the display type reported when missing, its detail name, and the display types that satisfy it. */
  record Requirement(String reported, String detailName, Set<String> satisfiedBy) {}

  static final Map<String, List<Requirement>> BY_PLATFORM = Map.of(
      "IOS", List.of(new Requirement("APP_IPHONE_65", "iphone65", Set.of("APP_IPHONE_67", "APP_IPHONE_65"))),
      "MAC_OS", List.of(new Requirement("APP_DESKTOP", "desktop", Set.of("APP_DESKTOP"))),
      "TV_OS", List.of(new Requirement("APP_APPLE_TV", "appleTV", Set.of("APP_APPLE_TV"))),
      "VISION_OS", List.of(new Requirement("APP_APPLE_VISION_PRO", "appleVisionPro", Set.of("APP_APPLE_VISION_PRO"))));

  /** Delivery states of a screenshot that count: uploaded (Apple's processing takes a minute, inferred) or processed. */
  private static final Set<String> DELIVERED = Set.of("UPLOAD_COMPLETE", "COMPLETE");

  private ScreenshotRequirements() {}

  static List<Requirement> of(String platform) {
    return BY_PLATFORM.getOrDefault(platform, List.of());
  }

  /** A screenshot that is there: uploaded or processed; one loaded through the admin API without a delivery state counts too. */
  static boolean delivered(Resource screenshot) {
    var state = screenshot.attributes().path("assetDeliveryState");
    return !state.isObject() || DELIVERED.contains(state.path("state").asText(""));
  }
}
