package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;
import java.util.UUID;

/**
 * The uploads family's errors, in Apple's error document (protocol.md §4.1). Codes Apple is
 * recorded using (§4.4, §6.3) are used as recorded; the rest are marked "inferred".
 */
final class UploadErrors {
  static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";

  private UploadErrors() {}

  /** §4.4 STATE_ERROR.INVALID_STATE: recorded for DELETE of a FAILED build upload; used for every "not in this state". */
  static ApiException invalidState(String detail) {
    return new ApiException(ApiError.of(409, "STATE_ERROR.INVALID_STATE", STATE_TITLE, detail));
  }

  /** §6.3: a commit before the bytes are there fails with an error "mentioning CONTENT_NOT_UPLOADED" (code inferred). */
  static ApiException contentNotUploaded(String detail) {
    return new ApiException(ApiError.of(409, "STATE_ERROR.CONTENT_NOT_UPLOADED", STATE_TITLE, detail).pointer("/data/attributes/uploaded"));
  }

  /** §6.3 / §8: the enum offers SHA_256, the live service refuses it with ENTITY_ERROR.ATTRIBUTE.INVALID. */
  static ApiException checksumAlgorithm(String algorithm, String pointer) {
    return new ApiException(Errors.attributeInvalid(
        "The checksum algorithm '" + algorithm + "' is not supported for this request; use 'MD5'.", pointer));
  }

  /** A size outside 1 … {@code max}: Apple's shape for a bad attribute value, 409 with the pointer (wording inferred). */
  static ApiException fileSizeOutOfRange(String size, long max) {
    return new ApiException(Errors.attributeInvalid("The file size " + size + " is not accepted: fileSize must be a whole number of bytes from 1 to "
        + max + " for this asset.", "/data/attributes/fileSize"));
  }

  /**
   * §4.4 / §6.3: re-using a bundle version, with {@code meta.previousBundleVersion} — built here
   * because {@link ApiError} has no {@code meta}.
   */
  static ApiResponse duplicateBundleVersion(ObjectMapper mapper, String previous) {
    ObjectNode doc = mapper.createObjectNode();
    ObjectNode e = doc.putArray("errors").addObject();
    e.put("id", UUID.randomUUID().toString());
    e.put("status", "409");
    e.put("code", "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE");
    e.put("title", "The provided entity includes an attribute with a value that has already been used");
    e.put("detail", "The bundle version must be higher than the previously uploaded version.");
    e.putObject("source").put("pointer", "/data/attributes/cfBundleVersion");
    e.putObject("meta").put("previousBundleVersion", previous);
    try {
      return ApiResponse.json(409, mapper.writeValueAsBytes(doc));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Upload and image URLs: the URL is the credential; an unknown one is simply not there (inferred wording). */
  static ApiError unknownUrl(String path) {
    return ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", "There is nothing at '" + path + "'");
  }

  /** An upload URL past its expiration (§6.2: ~1 week; an S3-style 403, inferred wording). */
  static ApiError expired(String expiration) {
    return ApiError.of(403, "FORBIDDEN_ERROR", "The upload operation has expired.", "This upload URL expired at " + expiration
        + "; create a new reservation");
  }

  static ApiError wrongPartLength(long got, long expected) {
    return Errors.entityInvalid("The part has " + got + " bytes; this upload operation takes exactly " + expected + " bytes");
  }

  static ApiError alreadyCommitted() {
    return ApiError.of(409, "STATE_ERROR.INVALID_STATE", STATE_TITLE, "The file was already committed; no more parts can be uploaded");
  }

  static ApiError badImageSize(String spec) {
    return ApiError.of(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value",
        "'" + spec + "' is not a valid image size and format; use {w}x{h}bb.{f} with w and h from 1 to "
            + ImageRendering.MAX_SIDE + " and f png, jpg or jpeg");
  }

  /** Renders errors of the public (non-API) routes. */
  static ApiResponse render(ErrorWriter writer, ApiError error) {
    return writer.render(List.of(error));
  }
}
