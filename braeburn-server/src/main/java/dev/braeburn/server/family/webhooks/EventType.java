package dev.braeburn.server.family.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The twelve {@code WebhookEventType} values of the spec (reports-webhooks.md §4.2) with the shape
 * of the notification Apple POSTs for each (§4.3): the payload's {@code data.type} is the camel-case
 * event name, and the event points at an instance of a documented type. The background-asset events
 * follow Apple's documented example (instance without a {@code data} wrapper, no {@code version});
 * the alternative-distribution events carry {@code appId} and a {@code marketplaceApp} relationship.
 */
public enum EventType {
  ALTERNATIVE_DISTRIBUTION_PACKAGE_AVAILABLE_UPDATED("alternativeDistributionPackages", Shape.MARKETPLACE),
  ALTERNATIVE_DISTRIBUTION_PACKAGE_VERSION_CREATED("alternativeDistributionPackageVersions", Shape.MARKETPLACE),
  ALTERNATIVE_DISTRIBUTION_TERRITORY_AVAILABILITY_UPDATED(null, Shape.MARKETPLACE),
  APP_STORE_VERSION_APP_VERSION_STATE_UPDATED("appStoreVersions", Shape.STANDARD),
  BACKGROUND_ASSET_VERSION_APP_STORE_RELEASE_STATE_UPDATED("backgroundAssetVersionAppStoreReleases", Shape.BARE_INSTANCE),
  BACKGROUND_ASSET_VERSION_EXTERNAL_BETA_RELEASE_STATE_UPDATED("backgroundAssetVersionExternalBetaReleases", Shape.BARE_INSTANCE),
  BACKGROUND_ASSET_VERSION_INTERNAL_BETA_RELEASE_CREATED("backgroundAssetVersionInternalBetaReleases", Shape.BARE_INSTANCE),
  BACKGROUND_ASSET_VERSION_STATE_UPDATED("backgroundAssetVersions", Shape.BARE_INSTANCE),
  BETA_FEEDBACK_CRASH_SUBMISSION_CREATED("betaFeedbackCrashSubmissions", Shape.STANDARD),
  BETA_FEEDBACK_SCREENSHOT_SUBMISSION_CREATED("betaFeedbackScreenshotSubmissions", Shape.STANDARD),
  BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED("buildBetaDetails", Shape.STANDARD),
  BUILD_UPLOAD_STATE_UPDATED("buildUploads", Shape.STANDARD);

  /** How the notification body is laid out. */
  enum Shape {
    /** {@code version: 1}, {@code relationships.instance.data {type, id}}. */
    STANDARD,
    /** Apple's documented background-asset example: {@code relationships.instance {type, id}}, no {@code version}. */
    BARE_INSTANCE,
    /** {@code attributes.appId} and {@code relationships.marketplaceApp.data {apps, appId}} besides the instance. */
    MARKETPLACE
  }

  private final String instanceType;
  private final Shape shape;

  EventType(String instanceType, Shape shape) {
    this.instanceType = instanceType;
    this.shape = shape;
  }

  /** The payload's {@code data.type}: {@code BUILD_UPLOAD_STATE_UPDATED} → {@code buildUploadStateUpdated}. */
  public String payloadType() {
    StringBuilder out = new StringBuilder();
    for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
      out.append(out.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return out.toString();
  }

  /** The type of {@code relationships.instance} Apple documents for this event, or null when it has none. */
  public String instanceType() {
    return instanceType;
  }

  Shape shape() {
    return shape;
  }

  public static Optional<EventType> of(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}
