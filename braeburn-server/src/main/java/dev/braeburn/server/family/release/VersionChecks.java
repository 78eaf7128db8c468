package dev.braeburn.server.family.release;

import dev.braeburn.server.family.ResourceTasks;
import dev.braeburn.server.family.Graph;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a version's own values must satisfy beyond the type rules' table, because the answer
 * depends on the app's other versions or on the clock (review-pipeline.md §5.1, §4.5): the
 * version string's form, one unreleased version per platform, a string not used before and higher
 * than the released one, and a release date on the hour (and ahead, for a scheduled release).
 */
final class VersionChecks {
  static final String VERSION_STRING = "versionString";
  static final String EARLIEST_RELEASE_DATE = "earliestReleaseDate";
  static final String RELEASE_TYPE = "releaseType";

  private final Release release;

  VersionChecks(Release release) {
    this.release = release;
  }

  static String platform(Resource version) {
    return version.attributes().path("platform").asText(null);
  }

  static String versionString(Resource version) {
    return version.attributes().path(VERSION_STRING).asText(null);
  }

  /** "IOS 3.5.0 (5d5c…, PREPARE_FOR_SUBMISSION)" for diagnoses. */
  static String describe(Resource version) {
    return platform(version) + " " + versionString(version) + " (" + version.id() + ", " + VersionStates.state(version) + ")";
  }

  /** The app's other versions on the same platform. */
  List<Resource> siblings(StoreTx tx, Resource app, Resource version) {
    String platform = platform(version);
    return release.graph().related(tx, app, "appStoreVersions").stream()
        .filter(v -> !v.id().equals(version.id()) && Objects.equals(platform(v), platform)).toList();
  }

  /** The newest of the platform's other versions (by createdDate, then by when it was stored), whose metadata a new version copies. */
  static Optional<Resource> newest(List<Resource> siblings) {
    return siblings.stream().max(Comparator.comparing((Resource v) -> createdAt(v)).thenComparingLong(Resource::seq));
  }

  private static Instant createdAt(Resource version) {
    Instant at = instant(version.attributes().get("createdDate"));
    return at == null ? Instant.EPOCH : at;
  }

  /** {@code POST /v1/appStoreVersions}: the form, the open version of the platform, a used string, a string not higher than the released one. */
  void checkNew(StoreTx tx, Resource app, Resource version, Refusals out) {
    String wanted = versionString(version);
    if (!VersionStrings.wellFormed(wanted)) {
      out.add(ReleaseErrors.versionStringMalformed(wanted), "'" + wanted + "' is not one to three period-separated non-negative integers"
          + " (CFBundleShortVersionString's form, review-pipeline.md §5.1; Apple's error for it is unrecorded, inferred).");
      return;
    }
    List<Resource> siblings = siblings(tx, app, version);
    Optional<Resource> open = siblings.stream().filter(v -> !VersionStates.released(v)).findFirst();
    Optional<Resource> used = siblings.stream().filter(v -> VersionStrings.same(versionString(v), wanted)).findFirst();
    if (open.isPresent()) {
      Resource v = open.get();
      out.add(ReleaseErrors.cannotCreateVersion(), "App " + app.id() + " already has a version that is not released on " + platform(version)
          + ": " + describe(v) + "; Apple allows one per platform (review-pipeline.md §5.1). Reuse it instead: PATCH /v1/appStoreVersions/"
          + v.id() + " with the new versionString, or release or delete it first.");
    } else if (used.isPresent()) {
      out.add(ReleaseErrors.cannotCreateVersion(), "A reused version string is refused with this error first (review-pipeline.md §5.1).");
    }
    used.ifPresent(v -> out.add(ReleaseErrors.versionStringUsed(), "Version " + wanted + " was used before on " + platform(version)
        + " by " + describe(v) + "; Apple never names it in the body."));
    if (used.isEmpty()) {
      checkHigherThanReleased(siblings, wanted, out);
    }
  }

  /** {@code PATCH}: a new versionString has the form, is unused and is higher than the released one (the rename Apple allows, §5.1; checks inferred). */
  void checkRename(StoreTx tx, Resource stored, String wanted, Refusals out) {
    if (!VersionStrings.wellFormed(wanted)) {
      out.add(ReleaseErrors.versionStringMalformed(wanted), "'" + wanted + "' is not one to three period-separated non-negative integers"
          + " (review-pipeline.md §5.1; refusal inferred).");
      return;
    }
    Resource app = release.graph().relatedOne(tx, stored, "app").orElse(null);
    if (app == null) {
      return;
    }
    List<Resource> siblings = siblings(tx, app, stored);
    Optional<Resource> used = siblings.stream().filter(v -> VersionStrings.same(versionString(v), wanted)).findFirst();
    if (used.isPresent()) {
      out.add(ReleaseErrors.versionStringUsed(), "Version " + wanted + " is already used on " + platform(stored) + " by "
          + describe(used.get()) + " (refusal of a rename inferred from the create's, review-pipeline.md §5.1).");
    } else {
      checkHigherThanReleased(siblings, wanted, out);
    }
  }

  /** [INFER] §9.8: Apple refuses an upload not higher than the approved version (ITMS-90062); Braeburn refuses the version itself. */
  private static void checkHigherThanReleased(List<Resource> siblings, String wanted, Refusals out) {
    siblings.stream().filter(VersionStates::released).filter(v -> VersionStrings.wellFormed(versionString(v)))
        .max(Comparator.comparing(VersionChecks::versionString, VersionStrings.ORDER))
        .filter(live -> VersionStrings.ORDER.compare(wanted, versionString(live)) <= 0)
        .ifPresent(live -> out.add(ReleaseErrors.versionStringNotHigher(), "Version " + wanted + " is not higher than the released "
            + describe(live) + ". Apple refuses such a build at upload (ITMS-90062); Braeburn refuses the version already (inferred,"
            + " review-pipeline.md §9.8)."));
  }

  /**
   * {@code earliestReleaseDate} on the hour (recorded, §4.5) when it changes, and in the future when
   * the version is SCHEDULED (inferred: clients check it; Apple's answer is unrecorded). {@code
   * before} is the stored attributes of an update, null for a create. Whole hours are counted in
   * UTC, which is also Apple's Pacific time's whole hours.
   */
  void checkReleaseDate(JsonNode before, ObjectNode after, Refusals out) {
    JsonNode date = after.get(EARLIEST_RELEASE_DATE);
    Instant at = instant(date);
    if (at == null) {
      return;
    }
    boolean dateChanged = before == null || !Objects.equals(before.get(EARLIEST_RELEASE_DATE), date);
    boolean typeChanged = before == null || !Objects.equals(before.get(RELEASE_TYPE), after.get(RELEASE_TYPE));
    if (dateChanged && at.isAfter(ResourceTasks.LATEST)) {
      out.add(ReleaseErrors.earliestReleaseDateTooLate(), "earliestReleaseDate " + date.asText() + " is beyond the year 9999; Braeburn bounds"
          + " it to four-digit years (inferred: Apple's limit is unrecorded).");
    } else if (dateChanged && (at.getEpochSecond() % 3600 != 0 || at.getNano() != 0)) {
      out.add(ReleaseErrors.earliestReleaseDateNotOnTheHour(), "earliestReleaseDate " + date.asText() + " is not on a whole hour; Apple allows"
          + " hour precision only (review-pipeline.md §4.5). Send e.g. " + at.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600) + ".");
    } else if ((dateChanged || typeChanged) && "SCHEDULED".equals(after.path(RELEASE_TYPE).asText(null)) && !at.isAfter(release.graph().now())) {
      out.add(ReleaseErrors.earliestReleaseDateNotInTheFuture(), "A SCHEDULED release needs an earliestReleaseDate after server time "
          + release.graph().now() + "; " + date.asText() + " is not (inferred rule: clients check it, review-pipeline.md §4.5).");
    }
  }

  /** A stored or requested date-time, or null. */
  static Instant instant(JsonNode value) {
    return Graph.dateTime(value).orElse(null);
  }
}
