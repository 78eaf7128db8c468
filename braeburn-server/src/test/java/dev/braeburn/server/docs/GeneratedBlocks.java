package dev.braeburn.server.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of a document in docs/: each {@code <!-- generated:NAME -->} … {@code <!-- /generated -->}
 * block is rendered again from the data the code reads, the prose around it stays as written. A
 * document test calls {@link #rewrite} with one renderer per block name; the file is written back,
 * so a stale table shows up as a diff, and a block without a renderer (or the reverse) fails.
 */
public final class GeneratedBlocks {
  private static final Pattern BLOCK = Pattern.compile("(<!-- generated:([a-zA-Z]+) -->\n)(.*?)(<!-- /generated -->)", Pattern.DOTALL);

  private GeneratedBlocks() {}

  /** Renders every block of {@code docs/<file>} and writes it back; returns the new text. */
  public static String rewrite(String file, Map<String, Supplier<String>> renderers) {
    Path doc = Path.of("..", "docs", file);
    try {
      Matcher m = BLOCK.matcher(Files.readString(doc));
      StringBuilder out = new StringBuilder();
      Set<String> seen = new LinkedHashSet<>();
      while (m.find()) {
        Supplier<String> renderer = renderers.get(m.group(2));
        if (renderer == null) {
          throw new IllegalStateException("docs/" + file + " has a generated:" + m.group(2) + " block no renderer knows");
        }
        seen.add(m.group(2));
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + renderer.get() + m.group(4)));
      }
      m.appendTail(out);
      if (!seen.equals(renderers.keySet())) {
        throw new IllegalStateException("docs/" + file + " lacks generated blocks: expected " + renderers.keySet() + ", found " + seen);
      }
      Files.writeString(doc, out.toString());
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
