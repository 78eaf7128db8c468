package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/certificates} (provisioning.md §3.1–3.5): reads the CSR ({@link CsrReader}),
 * checks the type's per-team cap, and issues a real X.509 certificate from Braeburn's authority
 * ({@link CertificateIssuer}) with Apple's subject ({@link CertificateSubjects}). The response's
 * {@code certificateContent}, {@code serialNumber} and {@code expirationDate} are the issued
 * certificate's; name, displayName, platform and activated come from the type rules. Who may
 * create a type is its {@link CertificateCreators} column; pass type and merchant certificates need
 * their identifier ({@link CertificateIdentifiers}). DELETE (revoke, §3.6) takes the certificate out
 * of the list and invalidates the profiles that hold it.
 */
final class Certificates {
  static final String TYPE = "certificates";

  private final Graph graph;
  private final CertificateAuthorities authorities;
  private final ProfileStates profiles;

  Certificates(Graph graph, CertificateAuthorities authorities, ProfileStates profiles) {
    this.graph = graph;
    this.authorities = authorities;
    this.profiles = profiles;
  }

  /** §3.6: DELETE revokes; the certificate leaves the list and every profile with it becomes INVALID (§4.5). */
  ApiResponse revoke(OperationContext ctx) {
    return graph.services().store().write(ctx.teamId(), tx -> {
      Resource certificate = dev.braeburn.server.engine.GenericReads.existing(tx, TYPE, ctx.id());
      ctx.services().rules().checkDelete(tx, certificate);
      profiles.certificateRevoked(tx, certificate);
      tx.delete(TYPE, certificate.id());
      return ApiResponse.noContent(204);
    });
  }

  ApiResponse create(OperationContext ctx) {
    String typeName = ctx.body().attributes().path("certificateType").asText();
    CertificateTypes type = CertificateTypes.of(typeName).orElseThrow(() -> new IllegalStateException("unknown type " + typeName));
    type.creators.check(ctx.principal(), type);
    PublicKey key = CsrReader.publicKey(ctx.body().attributes().path("csrContent").asText(), type.key);
    String identifierId = CertificateIdentifiers.check(graph, ctx, type);
    Team team = graph.services().store().team(ctx.teamId()).orElseThrow();
    String requester = CertificateSubjects.requesterId(ctx.teamId(), ctx.principal().keyId());
    // before the team's write transaction: making the authority on first use writes in a transaction of its own
    CertificateIssuer issuer = new CertificateIssuer(authorities.get());
    return GenericWrites.create(ctx, (tx, created) -> {
      checkLimit(tx, type, created.id());
      Resource identifier = CertificateIdentifiers.link(graph, tx, type, identifierId, created);
      Instant now = graph.now();
      X509Certificate certificate = issuer.issue(type, CertificateSubjects.subject(type, team.teamId(), team.name(), requester,
          CertificateSubjects.API_PERSON, identifier == null ? null : identifier.attributes().path("identifier").asText()), key, now);
      graph.update(tx, created, issued(graph.object(), certificate));
    });
  }

  /** §3.5: current (unexpired) certificates of the type count against its cap [INFER: per team, the defaults of CertificateTypes]. */
  private void checkLimit(StoreTx tx, CertificateTypes type, String createdId) {
    Instant now = graph.now();
    List<String> current = SigningReads.all(tx, TYPE).stream()
        .filter(c -> !c.id().equals(createdId) && c.attributes().path("certificateType").asText().equals(type.name()))
        .filter(c -> unexpired(c, now))
        .map(Resource::id).toList();
    if (current.size() >= type.limit) {
      throw new ApiException(List.of(ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE,
              "You already have a current " + type.limitName + " certificate or a pending certificate request.")),
          "The team has " + current.size() + " current " + type.name() + " certificates (" + String.join(", ", current)
              + "); Braeburn allows " + type.limit + " per team (provisioning.md §3.5: the body is recorded, the cap per type is "
              + "inferred). Revoke one with DELETE /v1/certificates/{id}, or advance the clock past its expirationDate, and create it again.");
    }
  }

  /** Not expired at {@code now}; a certificate without a readable date counts as current [INFER]. */
  static boolean unexpired(Resource certificate, Instant now) {
    return Graph.dateTime(certificate, "expirationDate").map(at -> at.isAfter(now)).orElse(true);
  }

  /** The attributes an issued certificate decides: its content (base64 DER), serial (hex) and expiry. */
  static ObjectNode issued(ObjectNode changes, X509Certificate certificate) {
    return changes.put("certificateContent", der(certificate))
        .put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT))
        .put("expirationDate", certificate.getNotAfter().toInstant().toString());
  }

  private static String der(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
