package com.example.appstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit snippet is the marked part of {@link AppStoreConnectTest}, so it compiles and passes. */
class ReadmeSnippetTest {
  @Test
  void readmeShowsTheExampleAsItIs() throws Exception {
    String source = Files.readString(Path.of("src/test/java/com/example/appstore/AppStoreConnectTest.java"));
    String marked = source.substring(source.indexOf('\n', source.indexOf("// README snippet: from here")) + 1, source.indexOf("  // … to here"));
    String readme = Files.readString(Path.of("../../README.md"));
    assertTrue(readme.contains(marked), "README.md's JUnit snippet differs from AppStoreConnectTest:\n" + marked);
  }
}
