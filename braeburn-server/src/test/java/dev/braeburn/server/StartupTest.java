package dev.braeburn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up runs some steps beside opening the store; what it does and reports must stay the same. */
class StartupTest {
  @TempDir Path dir;

  private Config config(Path data) {
    return Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(data).withAdminToken("t");
  }

  @Test
  void aFailureIsThrownAsItself() {
    assertThatThrownBy(() -> BraeburnServer.start(config(dir).withStore("nosuch", null), new PrintStream(new ByteArrayOutputStream())))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("store 'nosuch' is unknown; use sqlite or postgres");
  }

  @Test
  void firstStartAndRestart() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BraeburnServer.FirstStart first;
    try (BraeburnServer server = BraeburnServer.start(config(dir.resolve("data")), new PrintStream(out, true, StandardCharsets.UTF_8))) {
      first = server.firstStart();
      assertThat(first).isNotNull();
      assertThat(Files.readString(first.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Key ID:      " + first.keyId());
      assertThat(server.store().teams()).hasSize(1);
    }
    try (BraeburnServer server = BraeburnServer.start(config(dir.resolve("data")), new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(server.firstStart()).isNull();
      assertThat(server.store().teams()).singleElement().satisfies(t -> assertThat(t.issuerId()).isEqualTo(first.issuerId()));
    }
  }
}
