package dev.braeburn.acceptance.fuzz;

import dev.braeburn.spec.Operation;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Paths a buggy client builds: unknown, huge, unicode and percent-encoded ids, bad escapes,
 * dot and empty segments, extra segments, wrong versions and type names, another team's ids,
 * and request-targets in forms other than the usual one.
 */
final class PathMutations {
  private PathMutations() {}

  static FuzzRequest apply(FuzzWorld w, Operation op, RandomGenerator r) {
    String id = w.teamA.idFor(op.type());
    String template = op.path();
    String query = ApiRequests.query(w, op);
    boolean hasId = template.contains("{id}");
    int choice = r.nextInt(14);
    String label;
    String path;
    switch (choice) {
      case 0 -> {
        label = "unknown id";
        path = ApiRequests.path(w, op, Junk.id(r));
      }
      case 1 -> {
        label = "huge id";
        path = template.replace("{id}", "9".repeat(Junk.pick(r, List.of(20, 400, 7_000, 70_000))));
      }
      case 2 -> {
        label = "raw unicode id";
        path = template.replace("{id}", Junk.pick(r, List.of("äpp", "☃", "😀", "\u202e1", "a\u0000b", "𝕏" + id)));
      }
      case 3 -> {
        // the id itself, every byte escaped: the same resource
        FuzzRequest same = ApiRequests.base(w, op, template.replace("{id}", Junk.percentEncodeAll(id)));
        return hasId ? new FuzzRequest(same.method(), same.target(), same.headers(), same.body(), same.surface(),
            same.successSchema(), op.id() + "; percent-encoded id") : same;
      }
      case 4 -> {
        label = "bad escape";
        path = template.replace("{id}", id + Junk.pick(r, List.of("%", "%z", "%zz", "%0", "%00", "%2F", "%2f..", "%ff", "%C0%AF", "%e2%82")));
      }
      case 5 -> {
        label = "dot or empty segment";
        String p = ApiRequests.path(w, op, id);
        int slash = p.indexOf('/', 1);
        path = p.substring(0, slash) + Junk.pick(r, List.of("/.", "/..", "/", "/%2e", "/%2e%2e", "/./.", "//")) + p.substring(slash);
      }
      case 6 -> {
        label = "extra segment";
        path = ApiRequests.path(w, op, id) + Junk.pick(r, List.of("/", "/x", "/relationships", "/relationships/x", "/metrics/x", "/" + Junk.id(r), "/a/b/c"));
      }
      case 7 -> {
        label = "wrong version";
        path = Junk.pick(r, List.of("/v2", "/v3", "/v0", "/v9999", "/V1", "/v1.1", "", "/v")) + ApiRequests.path(w, op, id).substring(op.version().length() + 1);
      }
      case 8 -> {
        label = "type name altered";
        String p = ApiRequests.path(w, op, id);
        int start = p.indexOf('/', 1) + 1;
        int end = p.indexOf('/', start) < 0 ? p.length() : p.indexOf('/', start);
        String type = p.substring(start, end);
        String altered = switch (r.nextInt(3)) {
          case 0 -> type.toUpperCase();
          case 1 -> type.substring(0, type.length() - 1);
          default -> Junk.percentEncodeAll(type);
        };
        path = p.substring(0, start) + altered + p.substring(end);
      }
      case 9 -> {
        label = "team B's id";
        path = ApiRequests.path(w, op, Junk.pick(r, List.of("fuzzB-" + op.type(), Junk.pick(r, w.teamBIds))));
      }
      case 10 -> {
        label = "id of another type";
        path = ApiRequests.path(w, op, w.teamA.idFor(Junk.pick(r, List.copyOf(w.spec.resourceTypes())).name()));
      }
      case 11 -> {
        label = "absolute-form target";
        path = "http://" + w.host + ":" + w.port + ApiRequests.path(w, op, id);
      }
      case 12 -> {
        label = "odd request-target";
        path = Junk.pick(r, List.of("*", ApiRequests.path(w, op, id).substring(1), "/" + "a/".repeat(3_000), "/%", "/v1/", "/v1", "/_braeburn/../v1/apps",
            ApiRequests.path(w, op, id) + "#frag", "/\u00e4pps"));
      }
      default -> {
        label = "random segment text";
        path = template.replace("{id}", Junk.text(r, 1 + r.nextInt(30)));
      }
    }
    return ApiRequests.base(w, op, "").withTarget(path + query, "path: " + label);
  }
}
