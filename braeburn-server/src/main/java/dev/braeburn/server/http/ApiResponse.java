package dev.braeburn.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response ready for the transport: status, headers (including Content-Type), body, and how the
 * transport delivers it ({@link Delivery#WHOLE} but for an injected network fault).
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, Delivery delivery) {
  public ApiResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, Delivery.WHOLE);
  }

  /** Apple answers {@code application/json} exactly; one client breaks on a charset parameter. */
  public static final String JSON = "application/json";

  public static ApiResponse json(int status, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    return new ApiResponse(status, headers, body);
  }

  public static ApiResponse noContent(int status) {
    return new ApiResponse(status, new LinkedHashMap<>(), new byte[0]);
  }

  public static ApiResponse text(int status, String contentType, String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new ApiResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
  }

  /** This response, delivered as {@code how}. */
  public ApiResponse withDelivery(Delivery how) {
    return new ApiResponse(status, headers, body, how);
  }

  public ApiResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
