package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The table of Sign in with Apple refusals ({@code braeburn/storekit/signin/refusals.json}): which
 * OAuth {@code error} and status each rule answers with, and whether Apple documents it or Braeburn
 * inferred it (server-api.md §5 Errors row).
 */
final class OAuthRules {
  /** One row: Apple's OAuth error code, the status, and the basis (DOC, REAL or INFER). */
  record Rule(String error, int status, String basis) {
    boolean inferred() {
      return basis.equals("INFER");
    }
  }

  private final Map<String, Rule> rules;

  private OAuthRules(Map<String, Rule> rules) {
    this.rules = rules;
  }

  static OAuthRules load(ObjectMapper mapper) {
    try (InputStream in = OAuthRules.class.getResourceAsStream("/braeburn/storekit/signin/refusals.json")) {
      Map<String, Rule> rules = new HashMap<>();
      for (JsonNode row : mapper.readTree(in).path("rules")) {
        rules.put(row.path("rule").asText(), new Rule(row.path("error").asText(), row.path("status").asInt(), row.path("basis").asText()));
      }
      return new OAuthRules(Map.copyOf(rules));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("braeburn/storekit/signin/refusals.json is unreadable", e);
    }
  }

  Rule of(OAuthRefusal refusal) {
    Rule rule = rules.get(refusal.rule());
    if (rule == null) {
      throw new IllegalStateException("refusal rule " + refusal.rule() + " is not in refusals.json");
    }
    return rule;
  }
}
