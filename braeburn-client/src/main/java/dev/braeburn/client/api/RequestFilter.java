package dev.braeburn.client.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which journal entries {@link BraeburnAdmin#requests(RequestFilter)} asks for: {@code status},
 * {@code keyId}, {@code issuerId} (null: any) and {@code limit} (null: the server's 100).
 * {@code RequestFilter.all().status(401).limit(5)}.
 */
public record RequestFilter(Integer status, String keyId, String issuerId, Integer limit) {
  public static RequestFilter all() {
    return new RequestFilter(null, null, null, null);
  }

  public RequestFilter status(int status) {
    return new RequestFilter(status, keyId, issuerId, limit);
  }

  public RequestFilter keyId(String keyId) {
    return new RequestFilter(status, keyId, issuerId, limit);
  }

  public RequestFilter issuerId(String issuerId) {
    return new RequestFilter(status, keyId, issuerId, limit);
  }

  public RequestFilter limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return new RequestFilter(status, keyId, issuerId, limit);
  }

  /** The query parameters, those set only, in a stable order. */
  Map<String, String> query() {
    Map<String, String> q = new LinkedHashMap<>();
    if (status != null) {
      q.put("status", String.valueOf(status));
    }
    if (keyId != null) {
      q.put("keyId", keyId);
    }
    if (issuerId != null) {
      q.put("issuerId", issuerId);
    }
    if (limit != null) {
      q.put("limit", String.valueOf(limit));
    }
    return q;
  }
}
