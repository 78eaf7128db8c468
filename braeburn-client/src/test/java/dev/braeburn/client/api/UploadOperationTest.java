package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadOperationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesApplesShapeWithHeadersInOrder() throws Exception {
    var ops = UploadOperation.parse(JSON.readTree("[{\"method\":\"PUT\",\"url\":\"https://up.example/a?sig=1\",\"length\":5,\"offset\":0,"
        + "\"partNumber\":1,\"requestHeaders\":[{\"name\":\"Content-Type\",\"value\":\"image/png\"}],\"expiration\":\"2027-01-01T00:00:00Z\"},"
        + "{\"method\":\"PUT\",\"url\":\"https://up.example/b\",\"length\":3,\"offset\":5,\"requestHeaders\":[]}]"));
    assertThat(ops).containsExactly(
        new UploadOperation("PUT", "https://up.example/a?sig=1", 0, 5, Map.of("Content-Type", "image/png")),
        new UploadOperation("PUT", "https://up.example/b", 5, 3, Map.of()));
    assertThat(ops.get(1).end()).isEqualTo(8);
  }

  @Test
  void noOperationsIsAnEmptyListAndABrokenOneIsRefused() throws Exception {
    assertThat(UploadOperation.parse(null)).isEmpty();
    assertThat(UploadOperation.parse(JSON.missingNode())).isEmpty();
    assertThatThrownBy(() -> UploadOperation.parse(JSON.readTree("[{\"method\":\"PUT\",\"length\":5}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without url");
    assertThatThrownBy(() -> UploadOperation.parse(JSON.readTree("{\"url\":\"x\"}"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCommitTakesTheChecksumInTheShapeOfItsType() {
    assertThat(UploadCommit.body("appScreenshots", "s1", "abc").toString()).isEqualTo(
        "{\"data\":{\"type\":\"appScreenshots\",\"id\":\"s1\",\"attributes\":{\"uploaded\":true,\"sourceFileChecksum\":\"abc\"}}}");
    assertThat(UploadCommit.body("buildUploadFiles", "f1", "abc").toString()).isEqualTo(
        "{\"data\":{\"type\":\"buildUploadFiles\",\"id\":\"f1\",\"attributes\":{\"uploaded\":true,"
            + "\"sourceFileChecksums\":{\"file\":{\"hash\":\"abc\",\"algorithm\":\"MD5\"}}}}}");
  }

  @Test
  void md5IsLowerCaseHexOfTheWholeFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var file = java.nio.file.Files.write(dir.resolve("f"), "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(Md5.hex(file)).isEqualTo("5d41402abc4b2a76b9719d911017c592");
  }
}
