package dev.braeburn.server.family.signing;

import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;
import java.util.regex.Pattern;

/** What a bundle ID's own attributes must look like (provisioning.md §5.1); uniqueness is {@link BundleIds}'. */
final class BundleIdRules {
  /** §5.1: letters, digits and spaces only, ASCII (non-ASCII names were refused too). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ]+");
  /**
   * §5.1: the documented CFBundleIdentifier alphabet {@code A–Z a–z 0–9 - .}, plus {@code _}, which
   * the portal accepted in 2015 and 2024 (§9.7: unsettled; accepting it is inferred).
   */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
  /** Not recorded (§9.7); the portal's field takes 155 characters [INFER]. */
  static final int MAX_IDENTIFIER = 155;
  /** §5.1 (2025-26, recorded): creation takes only these; existing UNIVERSAL rows still list. */
  static final List<String> CREATABLE_PLATFORMS = List.of("IOS", "MAC_OS");

  private BundleIdRules() {}

  /** {@code *} alone (Xcode's "XC Wildcard") or a trailing {@code .*} (§5.1). */
  /** §5.1's name rule: ASCII letters, digits and spaces. */
  static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  static boolean isWildcard(String identifier) {
    return identifier.equals("*") || identifier.endsWith(".*");
  }

  static void checkName(String name) {
    if (!validName(name)) {
      throw new ApiException(List.of(SigningErrors.nameInvalid(name)),
          "A bundle ID's name may hold only ASCII letters, digits and spaces (provisioning.md §5.1, recorded); '" + name
              + "' has other characters. Xcode names App IDs like 'XC com example app'.");
    }
  }

  static void checkPlatform(String platform) {
    if (!CREATABLE_PLATFORMS.contains(platform)) {
      throw new ApiException(List.of(Errors.enumValue(platform, "platform", CREATABLE_PLATFORMS, "/data/attributes/platform")),
          "Apple no longer creates " + platform + " bundle IDs (provisioning.md §5.1, recorded 2025-26): send IOS or MAC_OS. "
              + "Existing UNIVERSAL bundle IDs stay as they are.");
    }
  }

  static void checkIdentifier(String identifier) {
    String why = problem(identifier);
    if (why != null) {
      throw new ApiException(List.of(SigningErrors.identifierInvalid(identifier, why)),
          "The bundle identifier '" + identifier + "' is malformed: " + why + " (provisioning.md §5.1; Apple's wording for "
              + "this refusal is not recorded, so the body is inferred).");
    }
  }

  /** Why an identifier is malformed, or null. */
  private static String problem(String identifier) {
    if (identifier.length() > MAX_IDENTIFIER) {
      return "It may have at most " + MAX_IDENTIFIER + " characters.";
    }
    if (identifier.equals("*")) {
      return null;
    }
    return explicitProblem(identifier.endsWith(".*") ? identifier.substring(0, identifier.length() - 2) : identifier);
  }

  /** Why an identifier without wildcard is malformed (periods, the alphabet), or null; merchant and pass type IDs use it too. */
  static String explicitProblem(String explicit) {
    if (explicit.isEmpty() || explicit.endsWith(".") || explicit.startsWith(".")) {
      return "It must not start or end with a period.";
    }
    for (String segment : explicit.split("\\.", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return segment.isEmpty() ? "It must not contain two periods in a row."
            : "Use only letters, digits, hyphens and periods; an asterisk only as the whole identifier or after the last period.";
      }
    }
    return null;
  }
}
