package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import java.util.List;

/**
 * {@code POST/PATCH/DELETE /v1/merchantIds} and {@code /v1/passTypeIds} (provisioning.md §1.1, §7):
 * identifiers that certificates are issued for. Both take {@code name} and {@code identifier} on
 * create and only {@code name} afterwards (the identifier is the type rules' {@code fixed} row).
 *
 * <p>Rules [INFER where §7 is silent]: the identifier starts with the conventional prefix
 * ({@code merchant.} / {@code pass.}, §7 "conventionally") followed by a reverse-DNS string of the
 * App ID alphabet (§5.1), no wildcard; it is unique across every team like App IDs (§5.1 recorded,
 * worded for the type); the name follows the App ID name rule. Deleting one revokes the
 * certificates issued for it (a certificate cannot outlive its identifier: §7, passes stop working).
 */
final class ServiceIds {
  /** One of the two kinds: its resource type, prefix and how Apple's messages would name it. */
  record Kind(String type, String prefix, String article, String title) {
    static final Kind MERCHANT = new Kind("merchantIds", "merchant.", "a merchant id", "A Merchant ID");
    static final Kind PASS_TYPE = new Kind("passTypeIds", "pass.", "a pass type id", "A Pass Type ID");
  }

  private final Graph graph;
  private final Kind kind;

  ServiceIds(Graph graph, Kind kind) {
    this.graph = graph;
    this.kind = kind;
  }

  ApiResponse create(OperationContext ctx) {
    ObjectNode attributes = ctx.body().attributes();
    String identifier = attributes.path("identifier").asText();
    checkName(attributes.path("name").asText());
    checkIdentifier(identifier);
    UniqueIdentifiers.checkOtherTeams(graph, ctx.teamId(), kind.type(), identifier, () -> taken(identifier,
        "another team on this server has registered it; like App IDs, these identifiers are unique across all teams [inferred]."));
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource own = UniqueIdentifiers.holder(tx, kind.type(), identifier, created.id());
      if (own != null) {
        throw taken(identifier, "your team already has it as " + kind.type() + " " + own.id() + " ('"
            + own.attributes().path("name").asText() + "').");
      }
    });
  }

  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> checkName(merged.path("name").asText()));
  }

  /** Deleting the identifier revokes its certificates [INFER: Apple's behaviour is unrecorded; docs/signing.md]. */
  ApiResponse delete(OperationContext ctx) {
    return graph.services().store().write(ctx.teamId(), tx -> {
      Resource serviceId = GenericReads.existing(tx, kind.type(), ctx.id());
      graph.related(tx, serviceId, "certificates").forEach(c -> tx.delete(c.type(), c.id()));
      tx.delete(kind.type(), serviceId.id());
      return ApiResponse.noContent(204);
    });
  }

  private void checkName(String name) {
    if (!BundleIdRules.validName(name)) {
      throw new ApiException(List.of(SigningErrors.nameInvalid(name, kind.article())),
          "The name of " + kind.article() + " may hold only ASCII letters, digits and spaces, like an App ID's (provisioning.md §5.1 "
              + "recorded for App IDs; for " + kind.type() + " the rule and wording are inferred); '" + name + "' has other characters.");
    }
  }

  private void checkIdentifier(String identifier) {
    String why = problem(identifier);
    if (why != null) {
      throw new ApiException(List.of(SigningErrors.identifierInvalid(identifier, kind.article(), why)),
          "The identifier '" + identifier + "' is malformed: " + why + " Braeburn wants '" + kind.prefix()
              + "' and a reverse-DNS string such as '" + kind.prefix() + "com.example' (provisioning.md §7 names the prefix as the "
              + "convention; that Apple enforces it, and this body, are inferred).");
    }
  }

  private String problem(String identifier) {
    if (!identifier.startsWith(kind.prefix()) || identifier.length() == kind.prefix().length()) {
      return "It must start with '" + kind.prefix() + "' followed by a reverse-DNS string.";
    }
    if (identifier.length() > BundleIdRules.MAX_IDENTIFIER) {
      return "It may have at most " + BundleIdRules.MAX_IDENTIFIER + " characters.";
    }
    if (identifier.contains("*")) {
      return "It must not contain an asterisk: only App IDs can be wildcards.";
    }
    return BundleIdRules.explicitProblem(identifier);
  }

  private ApiException taken(String identifier, String why) {
    return new ApiException(List.of(SigningErrors.identifierTaken(kind.title(), identifier)),
        "The identifier '" + identifier + "' is not available: " + why + " Choose another identifier (provisioning.md §5.1's "
            + "recorded App ID body, worded for " + kind.type() + " [inferred]; the comparison ignores case [inferred]).");
  }
}
