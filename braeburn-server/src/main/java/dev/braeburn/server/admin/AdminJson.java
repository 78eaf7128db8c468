package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.JsonBodies;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;

/**
 * JSON in and out for the admin API, with errors in Apple's error-document shape, and the team an
 * admin call is about. Families' admin routes use it too.
 */
public final class AdminJson {
  private final ObjectMapper mapper;
  private final JsonBodies bodies;

  public AdminJson(ObjectMapper mapper) {
    this.mapper = mapper;
    this.bodies = new JsonBodies(mapper);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** The body as a JSON object; an empty object when there is none. */
  public JsonNode body(ApiRequest req) {
    if (!req.hasBody()) {
      return mapper.createObjectNode();
    }
    JsonNode node = bodies.read(req.body());
    if (!node.isObject()) {
      throw new ApiException(Errors.entityInvalid("The body must be a JSON object"));
    }
    return node;
  }

  /**
   * The body as a JSON object, which the call needs: none, or another JSON value, is a 400 with
   * {@code detail}; a body that is not exactly one JSON document is refused as {@link JsonBodies} does.
   */
  public JsonNode requiredObject(ApiRequest req, String detail) {
    JsonNode node = req.hasBody() ? bodies.read(req.body()) : null;
    if (node != null && node.isObject()) {
      return node;
    }
    throw new ApiException(Errors.entityInvalid(detail));
  }

  public ApiResponse json(int status, Object body) {
    try {
      return ApiResponse.json(status, mapper.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The issuer ID of the team named by {@code X-Braeburn-Issuer} ({@code issuerId}), or of the
   * first team when it is null; 404 for an unknown team.
   */
  public static String team(Store store, String issuerId) {
    if (issuerId == null) {
      return store.teams().stream().findFirst().map(Team::issuerId)
          .orElseThrow(() -> invalid("/issuerId", "there is no team yet; POST /_braeburn/teams first"));
    }
    return store.team(issuerId).map(Team::issuerId)
        .orElseThrow(() -> notFound("There is no team with issuer ID '" + issuerId + "'"));
  }

  /** {@link #team(Store, String)} of the request's {@code X-Braeburn-Issuer} header. */
  public static String team(Store store, ApiRequest req) {
    return team(store, req.header("x-braeburn-issuer"));
  }

  public static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail).pointer(pointer));
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", detail));
  }
}
