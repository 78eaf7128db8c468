package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer outside 2xx (after retries, when it was retryable): the status, Apple's {@code errors[]}
 * and, from Braeburn, its {@code X-Braeburn-Diagnosis} header — the emulator's plain-words reason,
 * which real App Store Connect does not send.
 */
public final class ApiErrorException extends RuntimeException {
  private final String method;
  private final String url;
  private final int status;
  private final List<ApiError> errors;
  private final String diagnosis;
  private final String body;

  public ApiErrorException(String method, String url, int status, JsonNode document, String body, String diagnosis) {
    super(message(method, url, status, document, diagnosis));
    this.method = method;
    this.url = url;
    this.status = status;
    this.errors = errors(document);
    this.diagnosis = diagnosis;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  /** Apple's {@code errors[]}; empty when the body was not an error document. */
  public List<ApiError> errors() {
    return errors;
  }

  /** The first error's code, e.g. {@code ENTITY_ERROR.ATTRIBUTE.INVALID}; null without one. */
  public String code() {
    return errors.isEmpty() ? null : errors.get(0).code();
  }

  /** Braeburn's {@code X-Braeburn-Diagnosis}; null against Apple. */
  public String diagnosis() {
    return diagnosis;
  }

  /** The raw response body. */
  public String body() {
    return body;
  }

  private static List<ApiError> errors(JsonNode document) {
    List<ApiError> list = new ArrayList<>();
    if (document != null) {
      document.path("errors").forEach(e -> list.add(ApiError.of(e)));
    }
    return List.copyOf(list);
  }

  private static String message(String method, String url, int status, JsonNode document, String diagnosis) {
    StringBuilder m = new StringBuilder(method).append(' ').append(url).append(" → ").append(status);
    for (ApiError e : errors(document)) {
      m.append("; ").append(e.code()).append(": ").append(e.detail() != null ? e.detail() : e.title());
      if (e.pointer() != null) {
        m.append(" (").append(e.pointer()).append(')');
      }
    }
    if (diagnosis != null) {
      m.append(" [diagnosis: ").append(diagnosis).append(']');
    }
    return m.toString();
  }
}
