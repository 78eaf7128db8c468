package dev.braeburn.server.faults;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One fault rule (docs/faults.md): which requests it matches, what it does to them, and how often —
 * a probability (with a seed, a repeatable sequence), a count of faults after which it is spent, a
 * window on the virtual clock. Rules are data: stored as JSON ({@link FaultRuleJson}), read by
 * every instance.
 */
record FaultRule(String id, Match match, Effect effect, Double probability, Long seed, Long count, Window window) {
  /** Null fields match anything. {@code team} is the token's issuer ID, {@code key} its key ID. */
  record Match(String method, PathPattern path, String team, String key) {
    boolean needsToken() {
      return team != null || key != null;
    }
  }

  enum Type { LATENCY, ERROR, DROP, TRUNCATE }

  /** {@code ms} for latency, {@code status} for error; unused otherwise. */
  record Effect(Type type, int ms, int status) {
    /** "latency 250 ms", "error 429", "drop", "truncate": how the journal and the diagnosis name it. */
    String describe() {
      return switch (type) {
        case LATENCY -> "latency " + ms + " ms";
        case ERROR -> "error " + status;
        case DROP -> "drop";
        case TRUNCATE -> "truncate";
      };
    }
  }

  /** On the virtual clock: from inclusive, until exclusive; either may be open. */
  record Window(Instant from, Instant until) {
    boolean contains(Instant now) {
      return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
    }
  }

  /** Whether the request is one this rule is about (before probability and count). */
  boolean matches(String method, String path, TokenClaims claims, Instant now) {
    return (match.method() == null || match.method().equals(method))
        && (match.path() == null || match.path().matches(path))
        && (match.team() == null || match.team().equals(claims.issuerId()))
        && (match.key() == null || match.key().equals(claims.keyId()))
        && (window == null || window.contains(now));
  }

  /**
   * Whether the {@code n}-th matching request (1 for the first) draws a fault. With a seed the draw
   * is a pure function of seed and n, so a test sees the same sequence on every run, and instances
   * sharing a database draw one sequence between them (n is counted in the store).
   */
  boolean fires(long n, double unseeded) {
    if (probability == null) {
      return true;
    }
    double draw = seed == null ? unseeded : new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L)).nextDouble();
    return draw < probability;
  }

  /** "f1 latency 250 ms". */
  String describe() {
    return id + " " + effect.describe();
  }
}
