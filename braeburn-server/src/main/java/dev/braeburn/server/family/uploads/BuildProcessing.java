package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.UploadStore;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens to a committed build on the virtual clock. Each step is a scheduled task whose
 * change commits together with the task's removal (ARCHITECTURE.md "Time and scheduled work"):
 *
 * <ol>
 *   <li>{@value #PROCESS} ({@link #PROCESSING_DELAY} after the commit): reads the .ipa's Info.plist
 *       and compares it with the declared versions and the app's bundle ID — a mismatch fails the
 *       upload; otherwise creates the build (PROCESSING), its pre-release version, icon and beta
 *       details, and completes the upload.
 *   <li>{@value #FINISH} ({@link #VALIDATION_DELAY} later): processingState VALID (or what the
 *       app's {@link ProcessingFailures} switch says), beta states ready for testing.
 *   <li>{@value #EXPIRE} at expirationDate (upload + 90 days, protocol.md §7.1): expired, beta states EXPIRED.
 * </ol>
 */
final class BuildProcessing {
  static final String PROCESS = "uploads.build.process";
  static final String FINISH = "uploads.build.finish";
  static final String EXPIRE = "uploads.build.expire";
  static final Duration PROCESSING_DELAY = Duration.ofMinutes(2);
  static final Duration VALIDATION_DELAY = Duration.ofMinutes(5);
  static final Duration LIFETIME = Duration.ofDays(90);
  private static final String IPA_UTI = "com.apple.ipa";
  private static final String ZIP_UTI = "com.pkware.zip-archive";

  private final EngineServices services;
  private final Related related;
  private final BuildLifecycle lifecycle;
  private final BuildFactory factory;

  BuildProcessing(EngineServices services, Related related, BuildLifecycle lifecycle, BuildFactory factory) {
    this.services = services;
    this.related = related;
    this.lifecycle = lifecycle;
    this.factory = factory;
  }

  /** Schedules step 1 in the commit's transaction; the base URL is the one icon URLs will carry. */
  static void scheduleProcessing(EngineServices services, StoreTx tx, String uploadId, String fileId, String baseUrl) {
    ObjectNode payload = services.mapper().createObjectNode().put("buildUploadId", uploadId).put("fileId", fileId).put("baseUrl", baseUrl);
    services.scheduler().schedule(tx, PROCESS, services.clock().instant().plus(PROCESSING_DELAY), payload);
  }

  void process(ScheduledTask task, TaskRun run) {
    services.store().write(task.teamId(), tx -> {
      run.complete(tx);
      Resource upload = tx.find("buildUploads", task.payload().path("buildUploadId").asText()).orElse(null);
      Resource file = tx.find("buildUploadFiles", task.payload().path("fileId").asText()).orElse(null);
      if (upload == null || file == null || !BuildLifecycle.PROCESSING.equals(BuildLifecycle.uploadStateOf(upload))) {
        return null; // deleted or already decided meanwhile
      }
      Resource app = related.one(tx, upload, "app").orElse(null);
      AppArchive archive;
      try {
        archive = readArchive(tx, file);
      } catch (AppArchive.Unreadable e) {
        fail(tx, upload, "ITMS-90085", e.getMessage());
        return null;
      }
      ArrayNode mismatches = archive == null ? services.mapper().createArrayNode() : mismatches(archive, upload, app);
      if (!mismatches.isEmpty()) {
        lifecycle.changeUpload(tx, upload, BuildLifecycle.FAILED, mismatches, a -> {});
        return null;
      }
      Resource build = factory.create(tx, upload, app, archive, task.payload().path("baseUrl").asText());
      lifecycle.changeUpload(tx, upload, BuildLifecycle.COMPLETE, null, a -> {});
      services.store().uploads().byAsset(tx, UploadStore.UPLOAD, file.type(), file.id())
          .ifPresent(f -> services.store().uploads().deleteParts(tx, f.token())); // the binary is not needed any more
      ObjectNode payload = services.mapper().createObjectNode().put("buildId", build.id());
      services.scheduler().schedule(tx, FINISH, services.clock().instant().plus(VALIDATION_DELAY), payload);
      services.scheduler().schedule(tx, EXPIRE, Instant.parse(build.attributes().path("expirationDate").asText()), payload.deepCopy());
      return null;
    });
  }

  /** The archive of an .ipa or zip upload; null for other kinds (a .pkg is not inspected: its declared values stand). */
  private AppArchive readArchive(StoreTx tx, Resource file) throws AppArchive.Unreadable {
    String uti = file.attributes().path("uti").asText();
    if (!uti.equals(IPA_UTI) && !uti.equals(ZIP_UTI)) {
      return null;
    }
    UploadStore.StoredFile stored = services.store().uploads().byAsset(tx, UploadStore.UPLOAD, file.type(), file.id()).orElseThrow();
    try (InputStream in = services.store().uploads().open(tx, stored.token())) {
      return AppArchive.read(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Apple validates the binary's Info.plist, not the declared attributes (§6.3). The codes are
   * Braeburn's choice in Apple's ITMS-90xxx style (the reference records none for these cases):
   * 90054 bundle identifier, 90056 short version, 90057 bundle version, 90085 unreadable archive.
   */
  private ArrayNode mismatches(AppArchive archive, Resource upload, Resource app) {
    ArrayNode problems = services.mapper().createArrayNode();
    String bundleId = app == null ? null : app.attributes().path("bundleId").asText(null);
    if (bundleId != null && !bundleId.equals(archive.bundleId())) {
      problems.addAll(lifecycle.problem("ITMS-90054", "Invalid bundle identifier. The CFBundleIdentifier '" + archive.bundleId()
          + "' in Info.plist does not match the app's bundle ID '" + bundleId + "'."));
    }
    String shortVersion = upload.attributes().path("cfBundleShortVersionString").asText();
    if (!Objects.equals(shortVersion, archive.shortVersion())) {
      problems.addAll(lifecycle.problem("ITMS-90056", "Invalid version. The CFBundleShortVersionString '" + archive.shortVersion()
          + "' in Info.plist does not match the declared version '" + shortVersion + "'."));
    }
    String version = upload.attributes().path("cfBundleVersion").asText();
    if (!Objects.equals(version, archive.version())) {
      problems.addAll(lifecycle.problem("ITMS-90057", "Invalid build number. The CFBundleVersion '" + archive.version()
          + "' in Info.plist does not match the declared build number '" + version + "'."));
    }
    return problems;
  }

  private void fail(StoreTx tx, Resource upload, String code, String description) {
    lifecycle.changeUpload(tx, upload, BuildLifecycle.FAILED, lifecycle.problem(code, description), a -> {});
  }

  void finish(ScheduledTask task, TaskRun run) {
    services.store().write(task.teamId(), tx -> {
      run.complete(tx);
      Resource build = tx.find("builds", task.payload().path("buildId").asText()).orElse(null);
      if (build == null || !"PROCESSING".equals(build.attributes().path("processingState").asText())) {
        return null;
      }
      Resource app = related.one(tx, build, "app").orElse(null);
      ProcessingFailures.Failure failure = ProcessingFailures.of(app).orElse(null);
      String outcome = failure == ProcessingFailures.Failure.INVALID_BINARY ? "INVALID"
          : failure == ProcessingFailures.Failure.PROCESSING_FAILED ? "FAILED" : "VALID";
      ObjectNode attributes = build.attributes().deepCopy();
      attributes.put("processingState", outcome);
      tx.updateAttributes(build, attributes);
      if (!outcome.equals("VALID")) {
        lifecycle.changeBeta(tx, build, "PROCESSING_EXCEPTION", "PROCESSING_EXCEPTION");
      } else if (failure == ProcessingFailures.Failure.MISSING_EXPORT_COMPLIANCE && !build.attributes().hasNonNull("usesNonExemptEncryption")) {
        lifecycle.changeBeta(tx, build, "MISSING_EXPORT_COMPLIANCE", "MISSING_EXPORT_COMPLIANCE");
      } else {
        lifecycle.changeBeta(tx, build, "READY_FOR_BETA_TESTING", "READY_FOR_BETA_SUBMISSION");
      }
      return null;
    });
  }

  void expire(ScheduledTask task, TaskRun run) {
    services.store().write(task.teamId(), tx -> {
      run.complete(tx);
      Resource build = tx.find("builds", task.payload().path("buildId").asText()).orElse(null);
      if (build != null) {
        expireNow(tx, build);
      }
      return null;
    });
  }

  /** Marks a build expired and its beta states EXPIRED (also when a client PATCHes {@code expired: true}). */
  void expireNow(StoreTx tx, Resource build) {
    if (!build.attributes().path("expired").asBoolean(false)) {
      ObjectNode attributes = build.attributes().deepCopy();
      attributes.put("expired", true);
      tx.updateAttributes(build, attributes);
    }
    lifecycle.changeBeta(tx, build, "EXPIRED", "EXPIRED");
  }
}
