package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;

/** JSON in and out for the admin API, with errors in Apple's error-document shape. */
final class AdminJson {
  private final ObjectMapper mapper;

  AdminJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  JsonNode body(ApiRequest req) {
    if (!req.hasBody()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(req.body());
      if (node == null || !node.isObject()) {
        throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "The body must be a JSON object"));
      }
      return node;
    } catch (java.io.IOException e) {
      throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "JSON processing failed"));
    }
  }

  ApiResponse json(int status, Object body) {
    try {
      return ApiResponse.json(status, mapper.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail).pointer(pointer));
  }

  static ApiException notFound(String detail) {
    return new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", detail));
  }
}
