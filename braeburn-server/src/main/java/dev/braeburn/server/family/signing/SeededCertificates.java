package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Makes the certificates a seed loads real (the signing family's {@code afterLoad}): a seeded
 * certificate without a readable X.509 {@code certificateContent} gets one issued by Braeburn's
 * authority like {@code POST /v1/certificates} would (provisioning.md §3.3: Apple's subject and
 * extensions for its {@code certificateType}), and its {@code certificateContent},
 * {@code serialNumber} and {@code expirationDate} become the issued certificate's. A record that
 * carries a real certificate (a snapshot's, a seed written from one) is left as it is.
 *
 * <p>Validity: the seeded {@code expirationDate} is kept as notAfter (to the second) and notBefore
 * is the type's lifetime before it; without one, the certificate starts now. The person on a
 * development certificate is the seed's {@code displayName}; its UID is derived from the
 * certificate's id as an API key's is from the key id [INFER]. The serial is random, as every
 * issued certificate's: a seed loaded into two teams must not give one issuer two certificates
 * with one serial (keychains key certificates by issuer and serial).
 *
 * <p>Key: every seeded certificate certifies the same RSA 2048 public key, made once per process
 * and whose private key is dropped at once (nobody could sign with a seeded certificate anyway:
 * its key was never handed out). A fresh key per certificate would cost 50–200 ms each on every
 * demo-seeded start.
 */
final class SeededCertificates {
  private final Graph graph;
  private final CertificateAuthorities authorities;

  SeededCertificates(Graph graph, CertificateAuthorities authorities) {
    this.graph = graph;
    this.authorities = authorities;
  }

  void afterLoad(StoreTx tx, List<Resource> loaded) {
    List<Resource> inert = loaded.stream()
        .filter(r -> r.type().equals(Certificates.TYPE) && !isCertificate(r.attributes().path("certificateContent").asText(null)))
        .toList();
    if (inert.isEmpty()) {
      return; // no authority is made for a seed without certificates
    }
    Team team = graph.services().store().team(tx.teamId()).orElseThrow();
    // in this transaction: making the authority on first use must not wait for a second writer
    CertificateIssuer issuer = new CertificateIssuer(authorities.get(tx));
    for (Resource seeded : inert) {
      tx.find(Certificates.TYPE, seeded.id()).ifPresent(stored -> realize(tx, issuer, team, stored));
    }
  }

  private void realize(StoreTx tx, CertificateIssuer issuer, Team team, Resource certificate) {
    String typeName = certificate.attributes().path("certificateType").asText();
    CertificateTypes type = CertificateTypes.of(typeName).orElse(null);
    if (type == null) {
      return; // the type rules refuse unknown types in a seed; nothing to issue for one that got through
    }
    String person = certificate.attributes().path("displayName").asText(CertificateSubjects.API_PERSON);
    var subject = CertificateSubjects.subject(type, team.teamId(), team.name(),
        CertificateSubjects.requesterId(tx.teamId(), "seed/" + certificate.id()), person, null);
    Instant expires = expiration(certificate);
    Instant notBefore = expires == null ? graph.now().truncatedTo(ChronoUnit.SECONDS)
        : expires.atOffset(ZoneOffset.UTC).minusYears(type.validityYears).plusSeconds(1).toInstant();
    Instant notAfter = expires == null ? CertificateIssuer.notAfter(type, notBefore) : expires;
    graph.update(tx, certificate, Certificates.issued(graph.object(), issuer.issue(type, subject, Key.PUBLIC, notBefore, notAfter)));
  }

  private static Instant expiration(Resource certificate) {
    return Graph.dateTime(certificate, "expirationDate").map(at -> at.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
  }

  private static boolean isCertificate(String content) {
    if (content == null || content.isEmpty()) {
      return false;
    }
    try {
      CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(content)));
      return true;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** The one public key of seeded certificates, made on first use (holder idiom). */
  private static final class Key {
    static final PublicKey PUBLIC = make();

    private static PublicKey make() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
