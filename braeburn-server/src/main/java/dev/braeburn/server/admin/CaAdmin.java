package dev.braeburn.server.admin;

import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;

/**
 * {@code GET /_braeburn/ca/roots.pem} and {@code /_braeburn/ca/intermediates.pem}: Braeburn's
 * certificate authority, public as Apple publishes its roots and intermediates — no token, so that
 * a CI step can fetch the roots before it holds any credential (docs/signing.md).
 */
final class CaAdmin {
  static final String PEM = "application/x-pem-file";

  private final CertificateAuthorities authorities;

  CaAdmin(CertificateAuthorities authorities) {
    this.authorities = authorities;
  }

  /** Whether {@code path} (under /_braeburn/) is one of the public CA routes. */
  static boolean owns(ApiRequest req, String path) {
    return req.method().equals("GET") && path.startsWith("ca/");
  }

  ApiResponse handle(ApiRequest req, String path) {
    return switch (path) {
      case "ca/roots.pem" -> ApiResponse.text(200, PEM, authorities.get().rootsPem());
      case "ca/intermediates.pem" -> ApiResponse.text(200, PEM, authorities.get().intermediatesPem());
      default -> throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid",
          "'" + req.path() + "' is not a valid URL; the CA serves /_braeburn/ca/roots.pem and /_braeburn/ca/intermediates.pem"));
    };
  }
}
