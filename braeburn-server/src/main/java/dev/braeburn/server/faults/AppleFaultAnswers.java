package dev.braeburn.server.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.storekit.StoreKitApi;
import dev.braeburn.server.storekit.StoreKitErrors;
import java.time.Instant;
import java.util.List;

/**
 * An injected error exactly as Apple sends it for the API addressed. App Store Connect (and every
 * path that is not the App Store Server API): its JSON error document — 429 {@code
 * RATE_LIMIT_EXCEEDED} with {@code X-Rate-Limit} showing nothing left (protocol.md §3; Apple sends
 * no {@code Retry-After} there), 500 {@code UNEXPECTED_ERROR}, 401 {@code NOT_AUTHORIZED} without an
 * id (§1.7), 502 the recorded plain-text {@code Could not process this request} (§4.4), 503 {@code
 * SERVICE_UNAVAILABLE} (the code clients list; title and detail inferred). The App Store Server API
 * ({@code /inApps/}): {@code {"errorCode","errorMessage"}} — 429 {@code 4290000} with {@code
 * Retry-After} in epoch milliseconds (server-api.md §4.1), 500 {@code 5000000}, 503 {@code 5000001}
 * (the retryable internal error; its status with 503 inferred), 401 its bare {@code Unauthenticated}.
 */
final class AppleFaultAnswers {
  /** Apple's default hourly limit, shown when the server runs without limits. */
  private static final int APPLE_HOURLY_LIMIT = 3600;

  private final ErrorWriter errors;
  private final ObjectMapper mapper;
  private final int hourlyLimit;

  AppleFaultAnswers(ObjectMapper mapper, int hourlyLimit) {
    this.errors = new ErrorWriter(mapper);
    this.mapper = mapper;
    this.hourlyLimit = hourlyLimit > 0 ? hourlyLimit : APPLE_HOURLY_LIMIT;
  }

  /** The answer and the error code the journal files it under. */
  record Answer(ApiResponse response, String errorCode) {}

  Answer error(int status, String path, Instant now) {
    if (status == 502) {
      return new Answer(ApiResponse.text(502, "text/plain", "Could not process this request"), null);
    }
    return path.startsWith(StoreKitApi.PREFIX) ? serverApi(status, now) : connectApi(status);
  }

  private Answer connectApi(int status) {
    ApiError error = switch (status) {
      case 401 -> Errors.notAuthorized();
      case 429 -> Errors.rateLimitExceeded();
      case 503 -> ApiError.of(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable.",
          "The service is temporarily unavailable. Please try again later."); // inferred: only the code is recorded
      default -> Errors.unexpected();
    };
    ApiResponse response = errors.render(List.of(error));
    if (status == 429) {
      response.withHeader(Engine.RATE_LIMIT_HEADER, "user-hour-lim:" + hourlyLimit + ";user-hour-rem:0;");
    }
    return new Answer(response, error.code());
  }

  private Answer serverApi(int status, Instant now) {
    if (status == 401) {
      return new Answer(ApiResponse.text(401, "text/plain", "Unauthenticated"), "401");
    }
    long code = switch (status) {
      case 429 -> StoreKitErrors.RATE_LIMIT_EXCEEDED;
      case 503 -> 5000001; // GeneralInternalRetryableError
      default -> StoreKitErrors.GENERAL_INTERNAL;
    };
    StoreKitErrors.Error error = StoreKitErrors.of(code);
    ApiResponse response;
    try {
      response = ApiResponse.json(status, mapper.writeValueAsBytes(
          mapper.createObjectNode().put("errorCode", error.code()).put("errorMessage", error.message())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (status == 429) {
      response.withHeader("Retry-After", Long.toString(now.plusSeconds(1).toEpochMilli()));
    }
    return new Answer(response, Long.toString(code));
  }
}
