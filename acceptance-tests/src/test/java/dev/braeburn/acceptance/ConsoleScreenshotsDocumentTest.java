package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/console.md shows a screenshot of each console page: every image it names is in
 * docs/images/console/, and every page the browser tests photograph (each {@code screenshot(…)} call
 * in the test sources) is among them, so a new page cannot land without its picture.
 */
class ConsoleScreenshotsDocumentTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern SHOWN = Pattern.compile("\\(images/console/([a-z-]+)\\.png\\)");
  private static final Pattern TAKEN = Pattern.compile("screenshot\\(\"([a-z-]+)\"\\)");

  @Test
  void everyPhotographedPageIsShownAndEveryShownImageExists() throws Exception {
    Set<String> shown = matches(SHOWN, Files.readString(ROOT.resolve("docs/console.md")));
    for (String name : shown) {
      assertThat(ROOT.resolve("docs/images/console/" + name + ".png")).as("the image docs/console.md shows").isRegularFile();
    }
    Set<String> taken = new TreeSet<>();
    try (Stream<Path> sources = Files.list(Path.of("src/test/java/dev/braeburn/acceptance"))) {
      for (Path source : sources.filter(p -> p.getFileName().toString().startsWith("Console") && !p.endsWith("ConsoleScreenshotsDocumentTest.java")).toList()) {
        taken.addAll(matches(TAKEN, Files.readString(source)));
      }
    }
    assertThat(taken).as("pages the browser tests photograph").isNotEmpty();
    assertThat(shown).as("screenshots shown in docs/console.md").containsAll(taken);
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
