package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;

/**
 * The identifier a pass type or merchant certificate is issued for (provisioning.md §3.1, §7):
 * PASS_TYPE_ID and PASS_TYPE_ID_WITH_NFC need {@code relationships.passTypeId}, the four APPLE_PAY
 * types {@code relationships.merchantId} (the type's {@link CertificateTypes#identifierRelationship}
 * column). The certificate is then one of the identifier's {@code certificates}.
 */
final class CertificateIdentifiers {
  /** The relationships of the create request and the resource types they name. */
  private static final Map<String, String> TARGETS = Map.of("passTypeId", "passTypeIds", "merchantId", "merchantIds");

  private CertificateIdentifiers() {}

  /**
   * The id of the identifier the request names for a type that needs one (null for the others),
   * refused with Apple's 404 when it is missing or not the team's: recorded for PASS_TYPE_ID without
   * the relationship (forum threads 738217, 662076: "ID 'null'"); for merchant IDs and for an unknown
   * id the same body is inferred. A relationship the type does not take is refused [INFER].
   */
  static String check(Graph graph, OperationContext ctx, CertificateTypes type) {
    for (String name : TARGETS.keySet()) {
      JsonNode data = ctx.body().relationships().get(name);
      if (!name.equals(type.identifierRelationship) && data != null && !data.isNull()) {
        throw new ApiException(List.of(Errors.relationshipInvalid("The relationship '" + name + "' cannot be used with the certificate "
                + "type '" + type.name() + "'.", "/data/relationships/" + name)),
            "A " + type.name() + " certificate is not issued for a " + TARGETS.get(name) + " resource: only "
                + (name.equals("passTypeId") ? "PASS_TYPE_ID and PASS_TYPE_ID_WITH_NFC" : "the APPLE_PAY types")
                + " take relationships." + name + " (provisioning.md §3.1, §7; this refusal and its wording are inferred). Leave it out.");
      }
    }
    if (type.identifierRelationship == null) {
      return null;
    }
    JsonNode data = ctx.body().relationships().get(type.identifierRelationship);
    String id = data == null || data.isNull() ? null : data.path("id").asText();
    String target = TARGETS.get(type.identifierRelationship);
    boolean found = id != null && graph.services().store().read(ctx.teamId(), tx -> tx.find(target, id).isPresent());
    if (!found) {
      throw new ApiException(List.of(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist",
              "There is no identifier with ID '" + id + "' on this team.")),
          "A " + type.name() + " certificate is issued for one of the team's " + target + ": "
              + (id == null ? "the request has no relationships." + type.identifierRelationship
                  : "the team has no " + target + " resource with id '" + id + "'")
              + ". Create one with POST /v1/" + target + " and name it in relationships." + type.identifierRelationship
              + " (provisioning.md §3.1, §7: recorded for PASS_TYPE_ID without the relationship; for merchant IDs and unknown ids "
              + "the same body is inferred).");
    }
    return id;
  }

  /** Makes the certificate one of the identifier's certificates; returns the identifier (null when the type has none). */
  static Resource link(Graph graph, StoreTx tx, CertificateTypes type, String id, Resource certificate) {
    if (id == null) {
      return null;
    }
    Resource identifier = tx.find(TARGETS.get(type.identifierRelationship), id).orElseThrow();
    // certificates.passTypeId is a readable relationship the generic create already linked; merchantId is write-only in the spec
    boolean linked = graph.related(tx, identifier, "certificates").stream().anyMatch(c -> c.id().equals(certificate.id()));
    if (!linked) {
      graph.link(tx, identifier, "certificates", certificate);
    }
    return identifier;
  }
}
