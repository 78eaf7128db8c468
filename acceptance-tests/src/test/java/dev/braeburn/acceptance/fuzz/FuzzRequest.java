package dev.braeburn.acceptance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as bytes go on the wire: method and request-target exactly as given (raw brackets,
 * bad escapes and all, which {@code java.net.URI} would refuse), headers in order, a body. {@code
 * surface} says whose error format a refusal must have; {@code successSchema} the spec schema a
 * 2xx must validate against (null: not known, e.g. after the path was mutated into another route);
 * {@code mustBeRefused} that the body is not exactly one JSON document where one is read, so any
 * 2xx is a defect.
 */
public record FuzzRequest(
    String method, String target, List<Header> headers, byte[] body, Surface surface, String successSchema, String label,
    boolean mustBeRefused) {

  /**
   * Where the request goes: Apple's API (JSON:API errors), the admin API (the same error shape),
   * or the token-addressed public routes (uploads, images, report files: whatever the stored
   * object's host would answer, so only "never 5xx, never a hang" applies).
   */
  public enum Surface { API, ADMIN, PUBLIC }

  public record Header(String name, String value) {}

  public FuzzRequest {
    headers = List.copyOf(headers);
  }

  public FuzzRequest(String method, String target, List<Header> headers, byte[] body, Surface surface, String successSchema, String label) {
    this(method, target, headers, body, surface, successSchema, label, false);
  }

  /** The same request, marked as one whose body the server must refuse. */
  public FuzzRequest malformed() {
    return new FuzzRequest(method, target, headers, body, surface, successSchema, label, true);
  }

  public FuzzRequest withTarget(String newTarget, String why) {
    return new FuzzRequest(method, newTarget, headers, body, surface, null, label + "; " + why, mustBeRefused);
  }

  public FuzzRequest withMethod(String newMethod, String why) {
    return new FuzzRequest(newMethod, target, headers, body, surface, null, label + "; " + why, mustBeRefused);
  }

  public FuzzRequest withBody(byte[] newBody, String why) {
    return new FuzzRequest(method, target, headers, newBody, surface, successSchema, label + "; " + why, mustBeRefused);
  }

  public FuzzRequest withBody(String newBody, String why) {
    return withBody(newBody == null ? null : newBody.getBytes(StandardCharsets.UTF_8), why);
  }

  /** The same request with the headers named {@code name} (any case) removed, then {@code value} added unless null. */
  public FuzzRequest withHeader(String name, String value, String why) {
    List<Header> out = new ArrayList<>();
    for (Header h : headers) {
      if (!h.name().equalsIgnoreCase(name)) {
        out.add(h);
      }
    }
    if (value != null) {
      out.add(new Header(name, value));
    }
    return new FuzzRequest(method, target, out, body, surface, successSchema, label + "; " + why, mustBeRefused);
  }

  public FuzzRequest addHeader(String name, String value, String why) {
    List<Header> out = new ArrayList<>(headers);
    out.add(new Header(name, value));
    return new FuzzRequest(method, target, out, body, surface, successSchema, label + "; " + why, mustBeRefused);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
  }

  /** A short description for a failure report: the label, the request line and a prefix of the body. */
  public String describe() {
    String line = method + " " + (target.length() > 300 ? target.substring(0, 300) + "…(" + target.length() + " chars)" : target);
    String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
        + (body.length > 300 ? "…(" + body.length + " bytes)" : "");
    return "[" + label + "] " + line + (b.isEmpty() ? "" : " body=" + b.replaceAll("\\s+", " "));
  }
}
