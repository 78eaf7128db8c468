package dev.braeburn.server.family.signing.ca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the authority is stored: one JSON document, {@code {"version":1,"authorities":{"ROOT":
 * {"certificate":"-----BEGIN CERTIFICATE-----…","privateKey":"-----BEGIN PRIVATE KEY-----…"}, …}}},
 * one entry per {@link Authority}, keys in PKCS#8. Every authority must be there: a later version
 * that adds one has to complete the documents stored before it.
 */
final class AuthorityDocument {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuthorityDocument() {}

  static String write(Map<Authority, Credential> credentials) {
    ObjectNode root = MAPPER.createObjectNode().put("version", 1);
    ObjectNode authorities = root.putObject("authorities");
    credentials.forEach((authority, credential) -> authorities.putObject(authority.name())
        .put("certificate", Pem.certificate(credential.certificate()))
        .put("privateKey", Pem.privateKey(credential.privateKey())));
    return root.toString();
  }

  static Map<Authority, Credential> read(String document) {
    try {
      JsonNode authorities = MAPPER.readTree(document).path("authorities");
      Map<Authority, Credential> out = new EnumMap<>(Authority.class);
      for (Authority authority : Authority.values()) {
        JsonNode entry = authorities.get(authority.name());
        if (entry == null) {
          throw new IllegalStateException("the stored certificate authority has no " + authority);
        }
        String algorithm = authority.key() == Authority.Key.RSA_2048 ? "RSA" : "EC";
        try {
          out.put(authority, new Credential(Pem.parseCertificate(entry.path("certificate").asText()),
              Pem.parsePrivateKey(entry.path("privateKey").asText(), algorithm)));
        } catch (RuntimeException e) { // a snapshot's document says which entry is wrong
          throw new IllegalStateException("the certificate authority's " + authority + " entry: " + e.getMessage(), e);
        }
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored certificate authority is not JSON", e);
    }
  }
}
