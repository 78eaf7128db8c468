package dev.braeburn.acceptance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.acceptance.SchemaValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold for every answer to every request, however hostile: never a 5xx; a refusal
 * (4xx) in Apple's error format — {@code {"errors":[{"status","code","title","detail",…}]}} with
 * the response's own status, as JSON — on Apple's API and on the admin API, which uses the same
 * shape (README, "Admin API"); a success on a known operation valid against the spec's schema;
 * a connection closed only with notice; and a body that is not exactly one JSON document
 * refused, never accepted. Hangs are caught by the connection's read bound.
 */
public final class Oracle {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaValidator validator;

  public Oracle(SchemaValidator validator) {
    this.validator = validator;
  }

  /** The violations of one exchange, each a line that names the request. */
  public List<Violation> check(FuzzRequest request, RawHttp.Exchange response) {
    List<Violation> out = new ArrayList<>();
    if (response.silentClose() != null) {
      out.add(new Violation(Violation.Kind.SILENT_CLOSE, response.silentClose()));
    }
    int status = response.status();
    String call = request.describe() + " → " + status;
    if (status >= 500) {
      out.add(new Violation(Violation.Kind.SERVER_ERROR, call + ": " + abbreviate(response.text())));
      return out;
    }
    if (request.mustBeRefused() && status >= 200 && status < 300) {
      out.add(new Violation(Violation.Kind.ACCEPTED_MALFORMED, call + ": accepted a body that is not exactly one JSON document"));
    }
    boolean head = request.method().equals("HEAD");
    if (status >= 400 && !head && request.surface() != FuzzRequest.Surface.PUBLIC) {
      errorDocument(call, status, response, out);
    } else if (status >= 200 && status < 300 && request.successSchema() != null && !head && status != 204) {
      success(call, request.successSchema(), response, out);
    }
    return out;
  }

  private void errorDocument(String call, int status, RawHttp.Exchange response, List<Violation> out) {
    String type = response.header("content-type");
    if (type == null || !type.startsWith("application/json")) {
      out.add(new Violation(Violation.Kind.ERROR_FORMAT, call + ": refusal with Content-Type " + type + ": " + abbreviate(response.text())));
      return;
    }
    JsonNode doc = parse(response.body());
    if (doc == null || !doc.path("errors").isArray() || doc.path("errors").isEmpty()) {
      out.add(new Violation(Violation.Kind.ERROR_FORMAT, call + ": refusal that is not an error document: " + abbreviate(response.text())));
      return;
    }
    for (JsonNode e : doc.path("errors")) {
      // detail is optional in Apple's ResponseError (required: status, code, title), and Apple sends
      // refusals without one (a locked screenshot set, content rights on a live app, review-pipeline.md §1);
      // when present it must be text
      for (String member : List.of("status", "code", "title", "detail")) {
        if (member.equals("detail") && !e.has("detail")) {
          continue;
        }
        if (!e.path(member).isTextual() || e.path(member).asText().isEmpty()) {
          out.add(new Violation(Violation.Kind.ERROR_FORMAT, call + ": error without a textual '" + member + "': " + abbreviate(response.text())));
          return;
        }
      }
      if (!e.path("status").asText().equals(Integer.toString(status))) {
        out.add(new Violation(Violation.Kind.ERROR_FORMAT, call + ": error status " + e.path("status").asText() + " in a " + status + " response"));
        return;
      }
    }
  }

  private void success(String call, String schema, RawHttp.Exchange response, List<Violation> out) {
    String type = response.header("content-type");
    if (type == null || !type.startsWith("application/json")) {
      return; // the report downloads (gzip) are checked by the conformance test
    }
    JsonNode doc = parse(response.body());
    if (doc == null) {
      out.add(new Violation(Violation.Kind.SCHEMA, call + ": success that is not JSON: " + abbreviate(response.text())));
      return;
    }
    List<String> violations = validator.validate(doc, schema);
    // protocol.md §5.4: an empty to-one is {"data": null} although the spec marks data required
    violations.removeIf(v -> v.equals("/data: null is not allowed"));
    if (!violations.isEmpty()) {
      out.add(new Violation(Violation.Kind.SCHEMA, call + ": " + violations.size() + " violation(s) of " + schema + ": "
          + String.join("; ", violations.subList(0, Math.min(3, violations.size())))));
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  static String abbreviate(String s) {
    String flat = s.replaceAll("\\s+", " ");
    return flat.length() > 240 ? flat.substring(0, 240) + "…" : flat;
  }
}
