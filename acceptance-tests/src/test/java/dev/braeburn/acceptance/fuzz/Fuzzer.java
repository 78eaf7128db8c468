package dev.braeburn.acceptance.fuzz;

import dev.braeburn.spec.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes a hostile request of a family for an operation (or the admin API) and judges the answer
 * with the {@link Oracle}: the entry point both the jqwik properties and the long benchmark run use.
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
