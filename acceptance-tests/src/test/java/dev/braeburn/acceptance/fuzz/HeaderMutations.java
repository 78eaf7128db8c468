package dev.braeburn.acceptance.fuzz;

import dev.braeburn.spec.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Headers and methods a buggy client sends: no, garbled or forged Authorization; the wrong
 * Content-Type or Accept; huge and many headers; methods the API does not take or that do not
 * exist; chunked bodies; {@code Expect: 100-continue}; conflicting lengths; {@code Connection: close}.
 */
final class HeaderMutations {
  private HeaderMutations() {}

  static FuzzRequest apply(FuzzWorld w, Operation op, RandomGenerator r) {
    FuzzRequest base = ApiRequests.base(w, op);
    String token = w.token();
    return switch (r.nextInt(12)) {
      case 0 -> base.withHeader("Authorization", null, "no Authorization");
      case 1 -> base.withHeader("Authorization", Junk.pick(r, List.of("Bearer", "Bearer ", "bearer " + token, "Basic dXNlcjpwYXNz",
          "Bearer " + token.substring(0, token.length() / 2), "Bearer " + token + "x", "Bearer  " + token, token, "Bearer " + Junk.text(r, 30).replace(" ", ""),
          "Bearer a.b.c", "Bearer " + noneToken(w), "Bearer " + garbledJwt(r), "Bearer " + token.replace('.', '!'))), "garbled Authorization");
      case 2 -> base.addHeader("Authorization", "Bearer " + Junk.id(r), "two Authorization headers");
      case 3 -> base.withHeader("Content-Type", Junk.pick(r, List.of("text/plain", "application/xml", "", "application/json; charset=utf-16",
          "application/vnd.api+json", "multipart/form-data; boundary=x", "application/json, text/plain", "application/x-www-form-urlencoded",
          "application/json; charset=\"", "ä/ö")), "Content-Type").withBody(base.body() == null ? "{}" : new String(base.body(), StandardCharsets.UTF_8), "with a body");
      case 4 -> base.withHeader("Accept", Junk.pick(r, List.of("application/xml", "text/csv", "application/a-gzip", "*/*;q=0", "", "a/b/c", "image/png")), "Accept");
      case 5 -> base.addHeader("X-Fuzz", "x".repeat(Junk.pick(r, List.of(4_000, 9_000, 70_000))), "huge header");
      case 6 -> {
        FuzzRequest many = base;
        for (int i = 0; i < Junk.pick(r, List.of(50, 500)); i++) {
          many = many.addHeader("X-Fuzz-" + i, Integer.toString(i), "");
        }
        yield many;
      }
      case 7 -> base.withMethod(Junk.pick(r, List.of("PUT", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "GETT", "get", "QUERY", "M".repeat(300), "DELETE",
          "PATCH", "POST", "GET")), "method");
      case 8 -> base.withHeader("Transfer-Encoding", "chunked", "chunked").withBody(base.body() == null ? "{\"data\":{}}" : new String(base.body(), StandardCharsets.UTF_8), "chunked body");
      case 9 -> base.addHeader("Expect", "100-continue", "Expect");
      case 10 -> base.withHeader("Connection", "close", "Connection: close");
      default -> base.addHeader(Junk.pick(r, List.of("Accept-Encoding", "X-Braeburn-Issuer", "Content-Encoding", "Range", "If-None-Match", "Origin")),
          Junk.pick(r, List.of("gzip", "br;q=2", "bytes=0-1", w.issuerB, Junk.text(r, 12), "*")), "extra header");
    };
  }

  /** A token with {@code alg: none} for team A's key: must be refused like any unsigned token. */
  private static String noneToken(FuzzWorld w) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"iss\":\"" + w.issuerA + "\",\"aud\":\"appstoreconnect-v1\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** Three base64url segments whose JSON is broken, deep or of the wrong types. */
  private static String garbledJwt(RandomGenerator r) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = Junk.pick(r, List.of("{", "[]", "{\"alg\":1}", "{\"alg\":\"ES256\",\"kid\":[]}", "[".repeat(5_000), "{\"alg\":\"ES256\",\"kid\":\"" + "k".repeat(3_000) + "\"}",
        "{\"alg\":\"ES256\",\"kid\":\"K\\u0000\",\"typ\":\"JWT\"}"));
    String payload = Junk.pick(r, List.of("{}", "{\"exp\":1e400}", "{\"exp\":\"soon\",\"iat\":-1}", "{\"iss\":null}", "null",
        "{\"iss\":\"a\\u0000\",\"aud\":\"appstoreconnect-v1\",\"exp\":4102444800,\"sub\":\"user\"}"));
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".AAAA";
  }
}
