package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The App Store version as a review item (review-pipeline.md §4.1): it must be of the
 * submission's app and platform, editable, and complete ({@link Readiness}); its
 * {@code appVersionState} follows its item through review, always through {@link VersionStates}.
 */
final class VersionItem implements ItemKind {
  static final String RELATIONSHIP = "appStoreVersion";
  /** States from which a version may be staged: the editable ones (review-pipeline.md §3.1). */
  static final Set<String> STAGEABLE = VersionStates.EDITABLE;

  private final Release release;
  private final Releases releases;
  private final Readiness readiness;

  VersionItem(Release release, Releases releases, Readiness readiness) {
    this.release = release;
    this.releases = releases;
    this.readiness = readiness;
  }

  @Override
  public String relationship() {
    return RELATIONSHIP;
  }

  @Override
  public void checkAddable(StoreTx tx, Resource submission, Resource version) {
    Resource app = release.graph().relatedOne(tx, version, "app").orElse(null);
    Resource submissionApp = release.graph().relatedOne(tx, submission, "app").orElse(null);
    String platform = version.attributes().path("platform").asText("");
    if (app == null || submissionApp == null || !app.id().equals(submissionApp.id())
        || !platform.equals(submission.attributes().path("platform").asText())) {
      throw new ApiException(List.of(ReviewErrors.otherAppOrPlatform(RELATIONSHIP, VersionStates.TYPE, version.id(), submission.id())),
          "appStoreVersions " + version.id() + " is a " + platform + " version of app " + (app == null ? "(none)" : app.id())
              + "; reviewSubmissions " + submission.id() + " is for " + submission.attributes().path("platform").asText() + " of app "
              + (submissionApp == null ? "(none)" : submissionApp.id()) + " (inferred body)");
    }
    String state = VersionStates.state(version);
    if (!STAGEABLE.contains(state)) {
      String key = ReadinessErrors.versionKey(version.id());
      throw new ApiException(List.of(ReadinessErrors.notInValidState(version.id(), Map.of(key,
          List.of(ReadinessErrors.notReviewable(version.id(), state))))),
          "appStoreVersions " + version.id() + " is " + state + "; only a version in " + String.join(", ", STAGEABLE.stream().sorted().toList())
              + " can be added to a review submission (inferred associated error)");
    }
    refuseIfIncomplete(tx, version, app);
  }

  @Override
  public void checkSubmittable(StoreTx tx, Resource submission, Resource version) {
    release.graph().relatedOne(tx, version, "app").ifPresent(app -> refuseIfIncomplete(tx, version, app));
  }

  private void refuseIfIncomplete(StoreTx tx, Resource version, Resource app) {
    ReadinessErrors.Found found = readiness.check(tx, version, app);
    if (!found.isEmpty()) {
      throw new ApiException(List.of(ReadinessErrors.notInValidState(version.id(), found.errors())),
          "appStoreVersions " + version.id() + " cannot be reviewed yet (" + found.reasons().size() + " problem"
              + (found.reasons().size() == 1 ? "" : "s") + "): " + String.join("; ", found.reasons()));
    }
  }

  /**
   * Moves the version with its item. Adding it stages it at once (Apple does this asynchronously,
   * §8.3; Braeburn does it in the same transaction so that a client that waits finds it staged
   * and one that does not is not refused for a race Apple itself has). A version that has left the
   * review path meanwhile (no such transition in type-rules.json) is left where it is.
   */
  @Override
  public void on(StoreTx tx, Event event, Resource target) {
    Resource version = tx.find(target.type(), target.id()).orElse(target); // as stored now: earlier moves of this transaction count
    switch (event) {
      case ADDED, RESOLVED -> move(tx, version, "READY_FOR_REVIEW");
      case REMOVED_FROM_DRAFT -> move(tx, version, "PREPARE_FOR_SUBMISSION"); // inferred: reports also say DEVELOPER_REJECTED (§9.4)
      case SUBMITTED -> move(tx, version, "WAITING_FOR_REVIEW");
      case REVIEW_STARTED -> move(tx, version, "IN_REVIEW");
      case APPROVED -> {
        if ("IN_REVIEW".equals(VersionStates.state(version))) {
          releases.approved(tx, version);
        }
      }
      case REJECTED -> move(tx, version, "REJECTED");
      case WITHDRAWN -> move(tx, version, "DEVELOPER_REJECTED");
    }
  }

  private void move(StoreTx tx, Resource version, String to) {
    if (release.services().rules().allows(VersionStates.TYPE, VersionStates.STATE, VersionStates.state(version), to)) {
      release.versions().move(tx, version, to);
    }
  }
}
