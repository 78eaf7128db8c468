package dev.braeburn.acceptance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes a hostile request of a family for an operation (or the admin API) and judges the answer
 * with the {@link Oracle}: the entry point both FuzzAcceptanceTest and the long benchmark run use.
 */
public final class Fuzzer {
  /** What a request mutates. */
  public enum Family { PATH, QUERY, BODY, HEADERS, ADMIN }

  private final FuzzWorld world;

  public Fuzzer(FuzzWorld world) {
    this.world = world;
  }

  /** The operations of the spec, in path order: what the families walk over. */
  public List<Operation> operations() {
    List<Operation> ops = new ArrayList<>(world.spec.operations());
    ops.sort(java.util.Comparator.comparing(Operation::path).thenComparing(Operation::method));
    return ops;
  }

  /** A request of {@code family} for {@code op} (ignored for ADMIN), drawn from {@code random}. */
  public FuzzRequest request(Family family, Operation op, RandomGenerator random) {
    return switch (family) {
      case PATH -> PathMutations.apply(world, op, random);
      case QUERY -> QueryMutations.apply(world, op, random);
      case BODY -> BodyMutations.apply(world, op, random);
      case HEADERS -> HeaderMutations.apply(world, op, random);
      case ADMIN -> AdminRequests.apply(world, random);
    };
  }

  /** A number in the well-formed body of a request (an operation's, or an admin route's), by JSON pointer. */
  public record NumberSlot(FuzzRequest base, String pointer) {
    @Override
    public String toString() {
      return base.label() + " " + pointer;
    }
  }

  /** Every number in the valid body of every operation that takes one, and in every admin route's body. */
  public List<NumberSlot> numberSlots() {
    List<NumberSlot> slots = new ArrayList<>();
    List<FuzzRequest> bases = new ArrayList<>();
    operations().forEach(op -> bases.add(ApiRequests.base(world, op)));
    bases.addAll(AdminRequests.wellFormed(world));
    for (FuzzRequest base : bases) {
      if (base.body() != null) {
        numbers(BodyMutations.read(base.body()), "", base, slots);
      }
    }
    return slots;
  }

  private static void numbers(JsonNode node, String pointer, FuzzRequest base, List<NumberSlot> out) {
    if (node.isNumber()) {
      out.add(new NumberSlot(base, pointer));
    }
    node.properties().forEach(e -> numbers(e.getValue(), pointer + "/" + e.getKey(), base, out));
    for (int i = 0; i < node.size() && node.isArray(); i++) {
      numbers(node.get(i), pointer + "/" + i, base, out);
    }
  }

  /** The slot's request with its number replaced by {@code literal}, written as is. */
  public FuzzRequest withNumber(NumberSlot slot, String literal) {
    JsonNode doc = BodyMutations.read(slot.base().body());
    String marker = "fuzz-number-goes-here";
    int slash = slot.pointer().lastIndexOf('/');
    JsonNode parent = doc.at(slot.pointer().substring(0, slash));
    String last = slot.pointer().substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.put(last, marker);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), a.textNode(marker));
    }
    return slot.base().withHeader("Authorization", slot.base().header("Authorization").contains(world.adminToken)
            ? "Bearer " + world.adminToken : "Bearer " + world.token(), "")
        .withBody(doc.toString().replace("\"" + marker + "\"", literal), "body: " + slot.pointer() + " := " + literal);
  }

  /** The outcome of one request: its status (0 when none came) and what the oracle found wrong. */
  public record Outcome(int status, List<Violation> violations) {}

  /** Sends the request on {@code http} and judges the answer. */
  public Outcome send(RawHttp http, FuzzRequest request) {
    try {
      RawHttp.Exchange e = http.send(request);
      return new Outcome(e.status(), world.oracle.check(request, e));
    } catch (RawHttp.Hang h) {
      return new Outcome(0, List.of(new Violation(Violation.Kind.HANG, request.describe() + ": " + h.getMessage())));
    } catch (IOException e) {
      http.close();
      return new Outcome(0, List.of(new Violation(Violation.Kind.NO_RESPONSE, request.describe() + ": " + e)));
    }
  }
}
