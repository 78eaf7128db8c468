package dev.braeburn.server.jsonapi;

import java.util.Map;

/**
 * One entry of Apple's {@code ErrorResponse.errors}. {@code id} is omitted for 401s, as Apple
 * omits it; {@code sourcePointer} and {@code sourceParameter} are mutually exclusive (the spec's
 * {@code source} is a oneOf).
 */
public record ApiError(
    int status,
    String code,
    String title,
    String detail,
    String sourcePointer,
    String sourceParameter,
    Map<String, String> links,
    boolean withId) {

  public static ApiError of(int status, String code, String title, String detail) {
    return new ApiError(status, code, title, detail, null, null, null, true);
  }

  public ApiError pointer(String pointer) {
    return new ApiError(status, code, title, detail, pointer, null, links, withId);
  }

  public ApiError parameter(String parameter) {
    return new ApiError(status, code, title, detail, null, parameter, links, withId);
  }

  public ApiError links(Map<String, String> errorLinks) {
    return new ApiError(status, code, title, detail, sourcePointer, sourceParameter, errorLinks, withId);
  }

  public ApiError withoutId() {
    return new ApiError(status, code, title, detail, sourcePointer, sourceParameter, links, false);
  }
}
