package dev.braeburn.spec;

/** The success status of an operation, its content type and document schema (null for 204). */
public record SuccessResponse(int status, String contentType, String schema) {
  public boolean isJson() {
    return contentType == null || "application/json".equals(contentType);
  }
}
