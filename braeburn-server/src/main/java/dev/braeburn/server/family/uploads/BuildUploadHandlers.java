package dev.braeburn.server.family.uploads;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code POST /v1/buildUploads} and {@code DELETE /v1/buildUploads/{id}} (protocol.md §6.3). The body
 * validator already refuses a missing {@code app} relationship with ENTITY_ERROR.RELATIONSHIP.REQUIRED.
 */
final class BuildUploadHandlers {
  private final EngineServices services;
  private final Related related;
  private final BuildLifecycle lifecycle;

  BuildUploadHandlers(EngineServices services, Related related, BuildLifecycle lifecycle) {
    this.services = services;
    this.related = related;
    this.lifecycle = lifecycle;
  }

  /** Thrown inside the create transaction (rolling it back) to answer the duplicate-version 409 with its meta. */
  private static final class DuplicateBundleVersion extends RuntimeException {
    final String previous;

    DuplicateBundleVersion(String previous) {
      super(null, null, false, false);
      this.previous = previous;
    }
  }

  ApiResponse create(OperationContext ctx) {
    try {
      return GenericWrites.create(ctx, (tx, upload) -> {
        Resource app = related.one(tx, upload, "app").orElseThrow();
        highestUploaded(tx, app, upload).filter(previous -> BundleVersions.compare(version(upload), previous) <= 0).ifPresent(previous -> {
          throw new DuplicateBundleVersion(previous);
        });
        var attributes = upload.attributes().deepCopy();
        attributes.set("state", lifecycle.uploadState(BuildLifecycle.AWAITING_UPLOAD, null));
        attributes.putNull("uploadedDate"); // set when the file is committed
        tx.updateAttributes(upload, attributes);
      });
    } catch (DuplicateBundleVersion e) {
      return UploadErrors.duplicateBundleVersion(services.mapper(), e.previous);
    }
  }

  /**
   * The highest bundle version already uploaded for the app, platform and short version: earlier
   * uploads that did not fail, and builds (e.g. seeded ones) of the matching pre-release version.
   */
  private Optional<String> highestUploaded(StoreTx tx, Resource app, Resource upload) {
    String platform = upload.attributes().path("platform").asText();
    String shortVersion = upload.attributes().path("cfBundleShortVersionString").asText();
    Stream<String> uploads = related.all(tx, app, "buildUploads").stream()
        .filter(u -> !u.id().equals(upload.id()))
        .filter(u -> platform.equals(u.attributes().path("platform").asText()))
        .filter(u -> shortVersion.equals(u.attributes().path("cfBundleShortVersionString").asText()))
        .filter(u -> !BuildLifecycle.FAILED.equals(BuildLifecycle.uploadStateOf(u)))
        .map(BuildUploadHandlers::version);
    Stream<String> builds = related.all(tx, app, "preReleaseVersions").stream()
        .filter(v -> platform.equals(v.attributes().path("platform").asText()))
        .filter(v -> shortVersion.equals(v.attributes().path("version").asText()))
        .flatMap(v -> related.all(tx, v, "builds").stream())
        .map(b -> b.attributes().path("version").asText(null));
    return Stream.concat(uploads, builds).filter(Objects::nonNull).max(BundleVersions.ORDER);
  }

  private static String version(Resource upload) {
    return upload.attributes().path("cfBundleVersion").asText("");
  }

  /** §6.3: allowed while AWAITING_UPLOAD; in any later state (FAILED recorded) → 409 STATE_ERROR.INVALID_STATE. */
  ApiResponse delete(OperationContext ctx) {
    return services.store().write(ctx.teamId(), tx -> {
      Resource upload = GenericReads.existing(tx, "buildUploads", ctx.id());
      String state = BuildLifecycle.uploadStateOf(upload);
      if (state != null && !state.equals(BuildLifecycle.AWAITING_UPLOAD)) {
        throw UploadErrors.invalidState("The build upload with id '" + upload.id() + "' is in state " + state + " and cannot be deleted.");
      }
      for (Resource file : related.all(tx, upload, "buildUploadFiles")) {
        services.store().uploads().deleteAsset(tx, file.type(), file.id());
        tx.delete(file.type(), file.id());
      }
      tx.delete(upload.type(), upload.id());
      return ApiResponse.noContent(204);
    });
  }
}
