package dev.braeburn.server.family.uploads;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageIO;

/**
 * Pictures with javax.imageio, headless: decoding a source image, scaling it to the size a
 * template URL asks for ({@code {w}x{h}bb.{f}}), and drawing an icon when an app has none.
 */
final class ImageRendering {
  static final int MAX_SIDE = 4096;
  static final int GENERATED_SIDE = 1024;

  private ImageRendering() {}

  /**
   * The most pixels a source image may have: a few kilobytes of PNG can declare 50,000 × 50,000
   * pixels, 10 GB once decoded. 40 megapixels is five times Apple's largest screenshot sizes
   * (3840 × 2160) — inferred, generous.
   */
  static final long MAX_SOURCE_PIXELS = 40_000_000L;

  /**
   * The image, or null when ImageIO cannot read it (e.g. Xcode's "crushed" CgBI PNGs in an .ipa) or
   * it has more than {@link #MAX_SOURCE_PIXELS} pixels — read from its header before decoding.
   */
  static BufferedImage decode(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_SOURCE_PIXELS) {
          return null;
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code source} scaled to {@code width}×{@code height}, encoded as {@code png} or {@code jpg}/{@code jpeg}. */
  static byte[] render(BufferedImage source, int width, int height, String format) {
    boolean jpeg = !format.toLowerCase(Locale.ROOT).equals("png");
    BufferedImage out = new BufferedImage(width, height, jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      if (jpeg) {
        g.setColor(Color.WHITE); // JPEG has no alpha: flatten onto white as a CDN would
        g.fillRect(0, 0, width, height);
      }
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return encode(out, jpeg ? "jpg" : "png");
  }

  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A square in a colour derived from {@code label}, with its initial: the icon of an app whose archive has none. */
  static BufferedImage generatedIcon(String label) {
    int side = GENERATED_SIDE;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      float hue = (label.hashCode() & 0xffff) / (float) 0xffff;
      g.setColor(Color.getHSBColor(hue, 0.55f, 0.85f));
      g.fillRect(0, 0, side, side);
      drawInitial(g, label, side);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawInitial(Graphics2D g, String label, int side) {
    String initial = label.isBlank() ? "?" : label.strip().substring(0, 1).toUpperCase(Locale.ROOT);
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, side * 3 / 5));
      FontMetrics metrics = g.getFontMetrics();
      g.drawString(initial, (side - metrics.stringWidth(initial)) / 2, (side - metrics.getHeight()) / 2 + metrics.getAscent());
    } catch (RuntimeException | Error e) {
      // A JVM without fonts (minimal containers) cannot draw text: a white disc marks the icon instead.
      g.setColor(Color.WHITE);
      g.fillOval(side / 4, side / 4, side / 2, side / 2);
    }
  }
}
