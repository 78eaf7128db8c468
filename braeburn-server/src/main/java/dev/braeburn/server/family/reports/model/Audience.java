package dev.braeburn.server.family.reports.model;

/**
 * Who did something and how they came: the dimensions analytics files break counts down by.
 * Values are exactly as reports write them: {@code territory} ISO 3166-1 alpha-2 ("US"),
 * {@code device} "iPhone" / "iPad" / "Desktop" / "Apple TV" / "Apple Vision", {@code platformVersion}
 * "iOS 18.1", {@code sourceType} from Apple's glossary ("App Store search", "App Store browse",
 * "App referrer", "Web referrer", "Unavailable" …), {@code pageType} ("Product page", "Store sheet",
 * "No page" …). {@code sourceInfo}, {@code campaign} and {@code pageTitle} are the Detailed-only
 * dimensions, empty strings when they do not apply (never null).
 */
public record Audience(
    String territory, String device, String platformVersion, String appVersion,
    String sourceType, String sourceInfo, String campaign, String pageType, String pageTitle) {}
