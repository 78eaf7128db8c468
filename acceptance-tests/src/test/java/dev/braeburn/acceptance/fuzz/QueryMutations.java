package dev.braeburn.acceptance.fuzz;

import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Query strings a buggy client builds: unknown names; for one of the operation's parameters a
 * value its schema forbids (outside the enum, limits out of range or not numbers, unknown fields
 * and includes, empty list items); garbled cursors; brackets raw, encoded, half-encoded and
 * unbalanced; very long values; repeated and missing parameters; broken query syntax.
 */
final class QueryMutations {
  private QueryMutations() {}

  static FuzzRequest apply(FuzzWorld w, Operation op, RandomGenerator r) {
    FuzzRequest base = ApiRequests.base(w, op);
    String target = base.target();
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
    List<Parameter> params = new ArrayList<>(op.parameters().values());
    String label;
    String added;
    int choice = r.nextInt(params.isEmpty() ? 6 : 9);
    switch (choice) {
      case 0 -> {
        label = "unknown parameter";
        added = Junk.pick(r, List.of("fuzz", "filter[fuzz]", "fields[fuzz]", "limit[fuzz]", "exists[fuzz]", "include[]", "sort[x]", "Filter[id]"))
            + "=" + Junk.encodeQueryValue(Junk.text(r, 1 + r.nextInt(10)));
      }
      case 1 -> {
        label = "garbled cursor";
        added = "cursor=" + Junk.cursor(r) + (r.nextBoolean() ? "&limit=" + Junk.pick(r, List.of("1", "2", "200", "0")) : "");
      }
      case 2 -> {
        label = "broken syntax";
        added = Junk.pick(r, List.of("&", "&&&", "=", "==x", "a=b=c", "%", "%zz=1", "x=%", "x=%0", "+", "?", "?=?", "x=%00", "x=%2", "[]=1",
            "filter[=1", "filter]=1", "filter[a][b]=1", "filter[]=1", "x=%C0%80", "x=%ed%a0%80"));
      }
      case 3 -> {
        label = "very long value";
        added = Junk.pick(r, List.of("fuzz", "filter[id]", "fields[apps]", "include", "cursor", "sort")) + "=" + Junk.longText(r);
      }
      case 4 -> {
        label = "many parameters";
        StringBuilder s = new StringBuilder();
        int n = Junk.pick(r, List.of(100, 1_000, 5_000));
        for (int i = 0; i < n; i++) {
          s.append(i == 0 ? "" : "&").append("filter[id]=").append(i);
        }
        added = s.toString();
      }
      case 5 -> {
        label = "raw unicode and controls";
        added = Junk.text(r, 1 + r.nextInt(10)).replace(" ", "") + "=" + Junk.text(r, 1 + r.nextInt(10)).replace(" ", "");
      }
      default -> {
        Parameter p = Junk.pick(r, params);
        label = "bad value for " + p.name();
        added = nameVariant(p.name(), r) + "=" + badValue(w, op, p, r);
        if (p.required() && r.nextBoolean()) {
          query = ""; // the required value is replaced, not repeated
        }
      }
    }
    String q = query.isEmpty() ? added : (r.nextInt(4) == 0 ? added + "&" + query : query + "&" + added);
    FuzzRequest out = base.withTarget(path + "?" + q, "query: " + label);
    return out;
  }

  /** The parameter's name as clients spell it: raw brackets, encoded, half-encoded, or lower-cased. */
  private static String nameVariant(String name, RandomGenerator r) {
    if (!name.contains("[")) {
      return r.nextInt(5) == 0 ? name.toUpperCase() : name;
    }
    return switch (r.nextInt(5)) {
      case 0 -> name.replace("[", "%5B").replace("]", "%5D");
      case 1 -> name.replace("[", "%5b");
      case 2 -> name.replace("]", "");
      case 3 -> name.replace("[", "%5B%5B");
      default -> name;
    };
  }

  /** A value the parameter's schema does not allow, or a valid one in an odd form. */
  private static String badValue(FuzzWorld w, Operation op, Parameter p, RandomGenerator r) {
    List<String> allowed = p.allowedValues();
    if (allowed != null && !allowed.isEmpty()) {
      String a = Junk.pick(r, allowed);
      return Junk.encodeQueryValue(switch (r.nextInt(7)) {
        case 0 -> a.toLowerCase();
        case 1 -> a + ",";
        case 2 -> "," + a;
        case 3 -> a + "," + Junk.text(r, 5);
        case 4 -> String.join(",", allowed) + "," + String.join(",", allowed);
        case 5 -> "-" + a + ",+" + a;
        default -> "";
      });
    }
    if (p.family().equals("limit") || p.valueType().equals("integer")) {
      return Junk.encodeQueryValue(Junk.pick(r, List.of("-1", "0", "201", "1000000", "51", Junk.number(r), "1,2")));
    }
    if (p.valueType().equals("boolean")) {
      return Junk.pick(r, List.of("maybe", "TRUE", "1", "", "true,false", "yes"));
    }
    return switch (r.nextInt(5)) {
      case 0 -> Junk.encodeQueryValue(Junk.id(r));
      case 1 -> Junk.encodeQueryValue(Junk.pick(r, w.teamBIds) + "," + w.teamA.queryValue(op, p));
      case 2 -> ",,," + Junk.encodeQueryValue(Junk.text(r, 4));
      case 3 -> Junk.encodeQueryValue(Junk.number(r));
      default -> Junk.encodeQueryValue(Junk.text(r, 1 + r.nextInt(50)));
    };
  }
}
