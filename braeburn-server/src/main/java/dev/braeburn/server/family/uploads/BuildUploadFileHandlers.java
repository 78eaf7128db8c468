package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code POST /v1/buildUploadFiles} (the reservation) and {@code PATCH /v1/buildUploadFiles/{id}}
 * (the commit), protocol.md §6.3.
 *
 * <p>Checksum reading: Apple's documents say the MD5 in {@code sourceFileChecksums.file} lets it
 * verify the file; what a wrong one looks like is not recorded. Braeburn accepts the commit (200)
 * and reports the mismatch the way Apple reports any bad file — {@code assetDeliveryState} FAILED
 * with an error, and the build upload FAILED with the same error — so a client sees it where it
 * already polls. Without a checksum the file is not verified.
 */
final class BuildUploadFileHandlers {
  /** Which relationship of the build upload names a file of each {@code assetType}. */
  private static final Map<String, String> FILE_RELATIONSHIP = Map.of(
      "ASSET", "assetFile", "ASSET_DESCRIPTION", "assetDescriptionFile", "ASSET_SPI", "assetSpiFile");

  private final EngineServices services;
  private final Related related;
  private final Reservations reservations;
  private final Commits commits;
  private final BuildLifecycle lifecycle;

  BuildUploadFileHandlers(EngineServices services, Related related, Reservations reservations, Commits commits, BuildLifecycle lifecycle) {
    this.services = services;
    this.related = related;
    this.reservations = reservations;
    this.commits = commits;
    this.lifecycle = lifecycle;
  }

  ApiResponse create(OperationContext ctx) {
    long size = Reservations.fileSize(ctx.body().attributes(), Reservations.MAX_FILE_SIZE);
    return GenericWrites.create(ctx, (tx, file) -> {
      Resource upload = related.one(tx, file, "buildUpload").orElseThrow();
      String state = BuildLifecycle.uploadStateOf(upload);
      if (state != null && !state.equals(BuildLifecycle.AWAITING_UPLOAD)) {
        throw new ApiException(Errors.relationshipInvalid(
            "The build upload with id '" + upload.id() + "' is in state " + state + " and takes no more files.", "/data/relationships/buildUpload"));
      }
      ArrayNode operations = reservations.reserve(tx, file, size, "application/octet-stream", ctx.request().baseUrl(), Reservations.Shape.DELIVERY);
      ObjectNode attributes = file.attributes().deepCopy();
      attributes.set("uploadOperations", operations);
      attributes.set("assetDeliveryState", lifecycle.deliveryState("AWAITING_UPLOAD", null));
      attributes.put("assetToken", "BuildUpload/v4/" + upload.id() + "/" + file.id() + "/" + file.attributes().path("fileName").asText());
      attributes.putNull("sourceFileChecksums");
      tx.updateAttributes(file, attributes);
      String relationship = FILE_RELATIONSHIP.get(file.attributes().path("assetType").asText());
      if (relationship != null) {
        related.add(tx, upload, relationship, tx.find(file.type(), file.id()).orElseThrow());
      }
    });
  }

  ApiResponse commit(OperationContext ctx) {
    JsonNode requested = ctx.body().attributes();
    refuseSha256(requested);
    return GenericWrites.update(ctx, (tx, file, merged) -> {
      merged.remove("uploaded"); // a request flag, not an attribute of BuildUploadFile
      if (requested.path("uploaded").asBoolean(false)) {
        commit(ctx, tx, file, merged);
      }
    });
  }

  /** §8: ChecksumAlgorithm offers SHA_256, the live service refuses it for build upload files. */
  private static void refuseSha256(JsonNode requested) {
    JsonNode checksums = requested.path("sourceFileChecksums");
    for (String part : new String[] {"file", "composite"}) {
      String algorithm = checksums.path(part).path("algorithm").asText("");
      if (algorithm.equals("SHA_256")) {
        throw UploadErrors.checksumAlgorithm(algorithm, "/data/attributes/sourceFileChecksums/" + part + "/algorithm");
      }
    }
  }

  private void commit(OperationContext ctx, StoreTx tx, Resource file, ObjectNode merged) {
    Commits.Committed committed = commits.commit(tx, file);
    merged.set("uploadOperations", Commits.withEntityTags(merged.path("uploadOperations"), committed.parts()));
    Resource upload = related.one(tx, file, "buildUpload").orElseThrow();
    String hash = merged.path("sourceFileChecksums").path("file").path("hash").asText(null);
    if (hash != null && !hash.equalsIgnoreCase(committed.md5())) {
      String description = "The MD5 checksum of the uploaded file (" + committed.md5() + ") does not match the checksum given (" + hash + ").";
      merged.set("assetDeliveryState", lifecycle.deliveryState("FAILED", lifecycle.problem("CHECKSUM_MISMATCH", description)));
      lifecycle.changeUpload(tx, upload, BuildLifecycle.FAILED, lifecycle.problem("CHECKSUM_MISMATCH", description), a -> {});
      return;
    }
    merged.set("assetDeliveryState", lifecycle.deliveryState("UPLOAD_COMPLETE", null));
    if ("ASSET".equals(file.attributes().path("assetType").asText())
        && BuildLifecycle.AWAITING_UPLOAD.equals(BuildLifecycle.uploadStateOf(upload))) {
      String now = services.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
      lifecycle.changeUpload(tx, upload, BuildLifecycle.PROCESSING, null, a -> a.put("uploadedDate", now));
      BuildProcessing.scheduleProcessing(services, tx, upload.id(), file.id(), ctx.request().baseUrl());
    }
  }
}
