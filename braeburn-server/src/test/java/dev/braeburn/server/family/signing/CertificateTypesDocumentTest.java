package dev.braeburn.server.family.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.docs.GeneratedBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated table of docs/signing.md ("Who may create certificates") equal to {@link
 * CertificateTypes}: for each type the roles that may create it, Apple's answer to the others, the
 * CSR's key and the identifier relationship it needs. The prose around it is written by hand.
 */
class CertificateTypesDocumentTest {

  @Test
  void theGeneratedTableFollowsTheTypes() throws Exception {
    String updated = GeneratedBlocks.rewrite("signing.md", Map.of("certificateTypes", CertificateTypesDocumentTest::table));
    assertThat(updated).contains("| DEVELOPER_ID_APPLICATION | ACCOUNT_HOLDER |");
  }

  private static String table() {
    StringBuilder out = new StringBuilder("\n| type | may be created by | other keys get | CSR key | needs relationship |\n|---|---|---|---|---|\n");
    for (CertificateTypes type : CertificateTypes.values()) {
      out.append("| ").append(type.name()).append(" | ").append(String.join(", ", type.creators.roles.stream().sorted().toList()))
          .append(" | 403 `").append(type.creators == CertificateCreators.ACCOUNT_HOLDER
              ? "This operation can only be performed by the Account Holder` (recorded)"
              : "The API key in use does not allow this request`" + (type.creators == CertificateCreators.MANAGERS ? " (inferred)" : ""))
          .append(" | ").append(type.key.label).append(" | ")
          .append(type.identifierRelationship == null ? "—" : "`" + type.identifierRelationship + "`").append(" |\n");
    }
    return out.toString();
  }
}
