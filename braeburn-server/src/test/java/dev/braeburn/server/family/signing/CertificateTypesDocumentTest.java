package dev.braeburn.server.family.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated table of docs/signing.md ("Who may create certificates") equal to {@link
 * CertificateTypes}: for each type the roles that may create it, Apple's answer to the others, the
 * CSR's key and the identifier relationship it needs. The prose around it is written by hand.
 */
class CertificateTypesDocumentTest {
  private static final Path DOC = Path.of("..", "docs", "signing.md");
  private static final Pattern BLOCK = Pattern.compile("(<!-- generated:certificateTypes -->\n)(.*?)(<!-- /generated -->)", Pattern.DOTALL);

  @Test
  void theGeneratedTableFollowsTheTypes() throws Exception {
    String doc = Files.readString(DOC);
    Matcher m = BLOCK.matcher(doc);
    assertThat(m.find()).as("docs/signing.md has the generated:certificateTypes block").isTrue();
    String updated = doc.substring(0, m.start()) + m.group(1) + table() + m.group(3) + doc.substring(m.end());
    assertThat(updated).contains("| DEVELOPER_ID_APPLICATION | ACCOUNT_HOLDER |");
    Files.writeString(DOC, updated);
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
