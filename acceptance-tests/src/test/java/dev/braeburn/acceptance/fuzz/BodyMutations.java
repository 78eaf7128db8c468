package dev.braeburn.acceptance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bodies a buggy client sends, starting from the operation's valid document: a member of the
 * wrong type, missing, extra or null; huge and odd numbers; deep nesting; long strings; the wrong
 * resource type; relationships to unknown ids, wrong types, team B's resources or of the wrong
 * cardinality; and bodies that are not one JSON document at all — other formats, truncated,
 * trailing garbage, two documents, duplicate keys, other encodings, a byte-order mark.
 */
final class BodyMutations {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DEEP = "fuzz-deep-nesting-goes-here";

  private BodyMutations() {}

  static FuzzRequest apply(FuzzWorld w, Operation op, RandomGenerator r) {
    FuzzRequest base = ApiRequests.base(w, op);
    JsonNode valid = base.body() == null ? NODES.objectNode().set("data", NODES.objectNode().put("type", op.type()).put("id", "x"))
        : read(base.body());
    return mutate(w, base, valid, r);
  }

  /** {@code base} with a mutation of the document {@code valid} as its body (a JSON body for any route, the admin API's too). */
  static FuzzRequest mutate(FuzzWorld w, FuzzRequest base, JsonNode valid, RandomGenerator r) {
    FuzzRequest out;
    if (r.nextInt(3) == 0) {
      out = raw(valid.toString(), base, r);
    } else {
      JsonNode copy = valid.deepCopy();
      String label = mutateTree(w, copy, r);
      // Jackson refuses to write more than 1,000 levels, so deep nesting is spliced in as text
      String text = copy.toString().replace("\"" + DEEP + "\"", deep(Junk.pick(r, List.of(64, 1_000, 1_100, 20_000)), r.nextBoolean()));
      out = base.withBody(text, "body: " + label);
    }
    if (out.header("content-type") == null) {
      out = out.withHeader("Content-Type", "application/json", "unexpected body");
    }
    return out;
  }

  static JsonNode read(byte[] body) {
    try {
      return FuzzWorld.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces, removes or adds one member somewhere in the document; returns what it did. */
  private static String mutateTree(FuzzWorld w, JsonNode doc, RandomGenerator r) {
    List<String> pointers = new ArrayList<>();
    collect(doc, "", pointers);
    String at = Junk.pick(r, pointers);
    int choice = r.nextInt(11);
    if (at.isEmpty() && choice < 8) {
      choice = 8;
    }
    switch (choice) {
      case 0, 1 -> {
        JsonNode value = hostileValue(r);
        replace(doc, at, value);
        return at + " := " + abbreviate(value.toString());
      }
      case 2 -> {
        remove(doc, at);
        return "removed " + at;
      }
      case 3 -> {
        replace(doc, at, NODES.nullNode());
        return at + " := null";
      }
      case 4 -> {
        replace(doc, at, NODES.textNode(DEEP));
        return at + " := deeply nested";
      }
      case 5 -> {
        replace(doc, at, NODES.textNode(Junk.pick(r, List.of(Junk.longText(r), "x".repeat(1_500_000), Junk.text(r, 200), "\ud800", "\u0000"))));
        return at + " := long or odd string";
      }
      case 6 -> {
        String type = Junk.pick(r, List.of("apps", "fuzzWrongTypes", "", "APPS", Junk.pick(r, List.copyOf(w.spec.resourceTypes())).name()));
        if (doc.path("data").isObject()) {
          ((ObjectNode) doc.path("data")).put("type", type);
        }
        return "/data/type := " + type;
      }
      case 7 -> {
        return badRelationship(w, doc, r);
      }
      case 8 -> {
        JsonNode parent = at.isEmpty() ? doc : doc.at(at);
        ObjectNode target = parent instanceof ObjectNode o ? o : (ObjectNode) doc;
        String name = Junk.pick(r, List.of("fuzzExtra", "id", "type", "attributes", "relationships", "included", "meta", "links", "data", Junk.text(r, 6)));
        target.set(name, hostileValue(r));
        return "extra member " + name + " at " + (at.isEmpty() ? "/" : at);
      }
      case 9 -> {
        JsonNode data = doc.path("data");
        if (data.isObject()) {
          ArrayNode array = NODES.arrayNode();
          for (int i = 0; i < Junk.pick(r, List.of(2, 100, 10_000)); i++) {
            array.add(data.deepCopy());
          }
          ((ObjectNode) doc).set("data", array);
        }
        return "data as an array";
      }
      default -> {
        ((ObjectNode) doc).set("data", Junk.pick(r, List.of(NODES.nullNode(), NODES.arrayNode(), NODES.textNode("x"), NODES.objectNode())));
        return "data replaced";
      }
    }
  }

  /** A relationship that points at an unknown id, team B's resource, the wrong type, or has the wrong shape. */
  private static String badRelationship(FuzzWorld w, JsonNode doc, RandomGenerator r) {
    JsonNode rels = doc.path("data").path("relationships");
    ObjectNode linkage = NODES.objectNode().put("type", "apps").put("id", "x");
    String what = switch (r.nextInt(6)) {
      case 0 -> {
        linkage.put("id", Junk.id(r));
        yield "unknown id";
      }
      case 1 -> {
        linkage.put("id", Junk.pick(r, w.teamBIds));
        yield "team B's id";
      }
      case 2 -> {
        linkage.put("type", "fuzzWrongTypes").put("id", w.teamA.idFor("apps"));
        yield "unknown type";
      }
      case 3 -> {
        linkage.remove("type");
        yield "no type";
      }
      case 4 -> {
        linkage.putArray("id").add(1);
        yield "id not a string";
      }
      default -> "wrong cardinality";
    };
    String name = rels.isObject() && rels.size() > 0 ? Junk.pick(r, iterable(rels)) : "app";
    JsonNode existing = rels.path(name).path("data");
    String type = existing.isObject() ? existing.path("type").asText() : existing.path(0).path("type").asText("apps");
    if (!what.equals("unknown type") && !what.equals("no type")) {
      linkage.put("type", type.isEmpty() ? "apps" : type);
    }
    JsonNode data = what.equals("wrong cardinality") ? (existing.isArray() ? linkage : NODES.arrayNode().add(linkage).add(linkage))
        : existing.isArray() ? NODES.arrayNode().add(linkage) : linkage;
    if (doc.path("data").isObject()) {
      ObjectNode relationships = doc.path("data").path("relationships").isObject()
          ? (ObjectNode) doc.path("data").path("relationships") : ((ObjectNode) doc.path("data")).putObject("relationships");
      relationships.putObject(name).set("data", data);
    }
    return "relationship " + name + ": " + what;
  }

  /**
   * The document with its first member repeated in front (a real duplicate whatever the body's
   * members: an admin body has no {@code data}, and adding one would only be an unknown member).
   */
  static String duplicateFirstKey(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*\\{\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*:").matcher(json);
    String key = m.find() ? m.group(1) : "\"data\"";
    return json.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{" + key + ":{\"type\":\"apps\",\"id\":\"dup\"},"));
  }

  /** A body that is not exactly one UTF-8 JSON document. */
  private static FuzzRequest raw(String json, FuzzRequest base, RandomGenerator r) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    FuzzRequest out = switch (r.nextInt(12)) {
      // at least one character: an empty body is no body, which several admin routes take (POST /_braeburn/teams)
      case 0 -> base.withBody(json.substring(0, 1 + r.nextInt(Math.max(1, json.length() - 1))), "body: truncated");
      case 1 -> base.withBody(json + Junk.pick(r, List.of("x", "}", "]", " {}", ",", "\u0000", "/* */", "//")), "body: trailing garbage");
      case 2 -> base.withBody(json + json, "body: two documents");
      case 3 -> base.withBody(duplicateFirstKey(json), "body: duplicate key");
      case 4 -> base.withBody(json.replace("\"", "'"), "body: single quotes");
      case 5 -> {
        byte[] bytes = new byte[1 + r.nextInt(2_000)];
        r.nextBytes(bytes);
        yield base.withBody(bytes, "body: random bytes");
      }
      case 6 -> base.withBody(Junk.pick(r, List.of("", "<data/>", "a=b&c=d", "null", "[]", "\"x\"", "1", "true", "[{}]")), "body: not a document");
      case 7 -> base.withBody(json.replace("Conformance", "Conformänce\u00ff")
          .getBytes(Junk.pick(r, List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1))), "body: not UTF-8");
      case 8 -> base.withBody(Junk.pick(r, List.of(" ", "{}", "{\"data\":1}", "{\"data\":null}")), "body: an empty document");
      case 9 -> base.withBody(" ".repeat(Junk.pick(r, List.of(10, 2_100_000))) + json, "body: leading whitespace");
      case 10 -> base.withBody(json.replaceFirst(":", ": NaN, \"x\":"), "body: NaN token");
      default -> base.withBody(invalidUtf8(utf8, r), "body: invalid UTF-8 bytes");
    };
    // RFC 8259: one value, in UTF-8; truncated, trailing, doubled, duplicate-keyed, mis-encoded and non-JSON bodies are not that
    // (only where the route reads a body; the admin API may take a JSON value that is not an object as "no options")
    boolean readsBody = base.body() != null;
    boolean notOneDocument = !out.label().endsWith("body: an empty document") && !out.label().endsWith("body: leading whitespace")
        && !(out.label().endsWith("body: not a document") && base.surface() == FuzzRequest.Surface.ADMIN);
    boolean changed = !java.util.Arrays.equals(out.body(), utf8);
    return readsBody && notOneDocument && changed ? out.malformed() : out;
  }

  private static byte[] invalidUtf8(byte[] utf8, RandomGenerator r) {
    byte[] out = utf8.clone();
    for (int i = 0; i < 1 + r.nextInt(4); i++) {
      out[r.nextInt(out.length)] = (byte) Junk.pick(r, List.of(0xc0, 0xff, 0xfe, 0x80, 0xed)).intValue();
    }
    return out;
  }

  private static JsonNode hostileValue(RandomGenerator r) {
    return switch (r.nextInt(12)) {
      case 0 -> NODES.numberNode(new BigInteger("9".repeat(Junk.pick(r, List.of(20, 40, 400)))));
      case 1 -> NODES.numberNode(new BigDecimal("1e400"));
      case 2 -> NODES.numberNode(new BigDecimal(Junk.pick(r, List.of("-1", "-0.0", "1.5", "1e-400", "9223372036854775808", "-9223372036854775809"))));
      case 3 -> NODES.numberNode(Long.MAX_VALUE);
      case 4 -> NODES.textNode(Junk.number(r));
      case 5 -> NODES.booleanNode(r.nextBoolean());
      case 6 -> NODES.arrayNode().add(1).add("x").addNull();
      case 7 -> NODES.objectNode().put("fuzz", 1);
      case 8 -> NODES.textNode(Junk.text(r, 1 + r.nextInt(20)));
      case 9 -> NODES.numberNode(Double.MAX_VALUE);
      case 10 -> NODES.textNode(Junk.pick(r, List.of("2026-02-30", "2026-13-01T00:00:00Z", "0000-01-01", "99999-01-01T00:00:00Z", "yesterday", "")));
      default -> NODES.numberNode(r.nextInt());
    };
  }

  private static String deep(int depth, boolean arrays) {
    return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
  }

  private static void collect(JsonNode node, String pointer, List<String> out) {
    out.add(pointer);
    if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, out);
      }
    }
  }

  private static void replace(JsonNode doc, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = doc.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
  }

  private static void remove(JsonNode doc, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = doc.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(Integer.parseInt(last));
    }
  }

  private static List<String> iterable(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
