package dev.braeburn.server.family.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trust-receivers}: the JDK's anchors stay, the file's are added, a useless file stops the start. */
class ReceiverTrustTest {
  @TempDir
  Path dir;

  @Test
  void aFileWithoutCertificatesIsRefusedWithTheFlagsName() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> ReceiverTrust.withExtra(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--trust-receivers").hasMessageContaining("empty.pem");
    assertThatThrownBy(() -> ReceiverTrust.withExtra(dir.resolve("missing.pem"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
  }

  @Test
  void theJdksAnchorsAreKeptBesideTheFilesCertificates() throws Exception {
    List<X509Certificate> jdk = ReceiverTrust.jdkAnchors();
    assertThat(jdk).isNotEmpty();
    String one = pem(jdk.getFirst());
    Path file = Files.writeString(dir.resolve("two.pem"), one + one);
    KeyStore anchors = ReceiverTrust.anchors(file);
    assertThat(anchors.size()).isEqualTo(jdk.size() + 2);
    assertThat(anchors.isCertificateEntry("receiver-" + (jdk.size() + 1))).isTrue();
    assertThat(ReceiverTrust.withExtra(file).getProtocol()).isEqualTo("TLS");
  }

  @Test
  void receiversAreOfferedTls12And13Only() {
    assertThat(HttpPoster.TLS_PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
