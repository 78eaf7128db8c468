package dev.braeburn.server.http;

/** What a transport calls with each request. */
@FunctionalInterface
public interface RequestHandler {
  ApiResponse handle(ApiRequest request);
}
