package dev.braeburn.server.jsonapi;

import java.util.List;
import java.util.Map;

/**
 * One entry of Apple's {@code ErrorResponse.errors}. {@code id} is omitted for 401s, as Apple
 * omits it; {@code sourcePointer} and {@code sourceParameter} are mutually exclusive (the spec's
 * {@code source} is a oneOf). {@code associatedErrors} is {@code meta.associatedErrors}: full
 * error objects keyed by resource path, in the order given (review-pipeline.md §2.1), or null.
 */
public record ApiError(
    int status,
    String code,
    String title,
    String detail,
    String sourcePointer,
    String sourceParameter,
    Map<String, String> links,
    boolean withId,
    Map<String, List<ApiError>> associatedErrors) {

  public static ApiError of(int status, String code, String title, String detail) {
    return new ApiError(status, code, title, detail, null, null, null, true, null);
  }

  public ApiError pointer(String pointer) {
    return new ApiError(status, code, title, detail, pointer, null, links, withId, associatedErrors);
  }

  public ApiError parameter(String parameter) {
    return new ApiError(status, code, title, detail, null, parameter, links, withId, associatedErrors);
  }

  public ApiError links(Map<String, String> errorLinks) {
    return new ApiError(status, code, title, detail, sourcePointer, sourceParameter, errorLinks, withId, associatedErrors);
  }

  public ApiError withoutId() {
    return new ApiError(status, code, title, detail, sourcePointer, sourceParameter, links, false, associatedErrors);
  }

  /** This error with {@code meta.associatedErrors} (a map whose iteration order is the rendering order). */
  public ApiError associated(Map<String, List<ApiError>> errors) {
    return new ApiError(status, code, title, detail, sourcePointer, sourceParameter, links, withId, errors);
  }
}
