package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;
import java.util.regex.Pattern;

/**
 * App Review Information ({@code appStoreReviewDetails}, review-pipeline.md §3.2): one per version
 * (a second POST is Apple's recorded STATE_ERROR.ALREADY_EXISTS), and a record App Store Connect
 * takes only with its contact: a write without a contact field is refused one field per attempt
 * ("You must provide a value for the attribute 'contactFirstName' …", then the next), a missing
 * phone also as badly formatted, and a PATCH is judged on the record as it would be stored — so a
 * notes-only write to an empty record is refused too (recorded). {@code GET
 * /v1/appStoreVersions/{id}/appStoreReviewDetail} of a version without one answers {@code 200
 * {"data": null}} through the generic read.
 */
final class ReviewDetails {
  static final String TYPE = "appStoreReviewDetails";
  /** The spec's attribute order; which field Apple names first among several missing is not recorded beyond "first name, then phone" [INFER]. */
  static final List<String> CONTACT = List.of("contactFirstName", "contactLastName", "contactPhone", "contactEmail");
  /**
   * '+', a country code and the number: 7 to 15 digits in all (E.164), with the spaces, dots,
   * hyphens and parentheses people write. Apple checks each country's numbering plan; this is the
   * emulator's simpler stand-in [INFER].
   */
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ().-]*");

  private final Release release;

  ReviewDetails(Release release) {
    this.release = release;
  }

  /**
   * {@code POST /v1/appStoreReviewDetails}. The version's detail is a to-one, which the create would
   * replace, so an existing one is looked for first, in a read of its own (two concurrent first
   * creates could both pass; the later one then replaces the earlier's link).
   */
  ApiResponse create(OperationContext ctx) {
    JsonNode linkage = ctx.body().relationships().get("appStoreVersion");
    String versionId = linkage == null ? null : linkage.path("id").asText(null);
    if (versionId != null) {
      release.services().store().read(ctx.teamId(), tx -> {
        tx.find(VersionStates.TYPE, versionId).ifPresent(version -> release.graph().relatedOne(tx, version, "appStoreReviewDetail")
            .ifPresent(existing -> {
              throw new ApiException(List.of(MetadataErrors.reviewDetailExists()), "Version " + Localizations.describe(version)
                  + " already has its App Review Information (appStoreReviewDetails '" + existing.id() + "'); a version has one —"
                  + " PATCH /v1/appStoreReviewDetails/" + existing.id() + " instead.");
            }));
        return null;
      });
    }
    return GenericWrites.create(ctx, (tx, created) -> check(created.attributes(), "The new appStoreReviewDetails"));
  }

  /** {@code PATCH /v1/appStoreReviewDetails/{id}}: the stored record with the change applied must be complete. */
  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> check(merged, "appStoreReviewDetails '" + stored.id() + "' after this PATCH"));
  }

  private static void check(JsonNode attributes, String what) {
    for (String field : CONTACT) {
      if (!attributes.path(field).isTextual() || attributes.path(field).asText().isBlank()) {
        List<ApiError> errors = field.equals("contactPhone")
            ? List.of(Errors.attributeRequired(field, "/data/attributes/" + field), MetadataErrors.phoneFormat())
            : List.of(Errors.attributeRequired(field, "/data/attributes/" + field));
        throw new ApiException(errors, what + " has no " + field + ". App Store Connect keeps App Review Information only with its"
            + " contact — first and last name, phone and e-mail — and names one missing field per attempt (review-pipeline.md §3.2);"
            + " send all four, also with a PATCH that changes only the notes.");
      }
    }
    String phone = attributes.path("contactPhone").asText();
    long digits = phone.chars().filter(Character::isDigit).count();
    if (!PHONE.matcher(phone).matches() || digits < 7 || digits > 15) {
      throw new ApiException(List.of(MetadataErrors.phoneFormat()), "contactPhone '" + phone + "' is not an international number:"
          + " Braeburn takes '+', the country code and 7 to 15 digits in all, with spaces, dots, hyphens or parentheses"
          + " (inferred; Apple checks each country's numbering plan).");
    }
  }
}
