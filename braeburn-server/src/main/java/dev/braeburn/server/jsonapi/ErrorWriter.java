package dev.braeburn.server.jsonapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import java.util.List;
import java.util.UUID;

/** Renders Apple's {@code ErrorResponse} document: {@code {"errors":[…]}}, status as a string. */
public final class ErrorWriter {
  private final ObjectMapper mapper;

  public ErrorWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ApiResponse render(List<ApiError> errors) {
    ObjectNode doc = mapper.createObjectNode();
    write(doc.putArray("errors"), errors);
    try {
      return ApiResponse.json(errors.getFirst().status(), mapper.writeValueAsBytes(doc));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void write(ArrayNode array, List<ApiError> errors) {
    for (ApiError error : errors) {
      ObjectNode e = array.addObject();
      if (error.withId()) {
        e.put("id", UUID.randomUUID().toString());
      }
      e.put("status", Integer.toString(error.status()));
      e.put("code", error.code());
      e.put("title", error.title());
      if (error.detail() != null) {
        e.put("detail", error.detail());
      }
      if (error.sourcePointer() != null) {
        e.putObject("source").put("pointer", error.sourcePointer());
      } else if (error.sourceParameter() != null) {
        e.putObject("source").put("parameter", error.sourceParameter());
      }
      if (error.links() != null) {
        ObjectNode links = e.putObject("links");
        error.links().forEach(links::put);
      }
      if (error.associatedErrors() != null) {
        ObjectNode associated = e.putObject("meta").putObject("associatedErrors");
        error.associatedErrors().forEach((key, list) -> write(associated.putArray(key), list));
      }
    }
  }

  public ApiResponse render(ApiException ex) {
    return render(ex.errors());
  }
}
