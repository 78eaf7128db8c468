package dev.braeburn.server.family.storekit.retention;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What Upload Image needs to know of a PNG (Apple: format PNG, no transparency): its dimensions from
 * the IHDR chunk and whether it can be transparent (an alpha colour type, 4 or 6, or a {@code tRNS}
 * chunk). Chunk CRCs are not checked; Braeburn keeps no pixels.
 */
record Png(int width, int height, boolean transparent) {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** The PNG's facts, or empty when the bytes are not a PNG with an IHDR chunk first. */
  static Optional<Png> read(byte[] bytes) {
    if (bytes == null || bytes.length < 33 || !Arrays.equals(bytes, 0, 8, SIGNATURE, 0, 8)) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (buf.getInt(8) != 13 || !type(bytes, 12).equals("IHDR")) {
      return Optional.empty();
    }
    int width = buf.getInt(16);
    int height = buf.getInt(20);
    int colourType = bytes[25];
    boolean transparent = colourType == 4 || colourType == 6;
    for (int at = 33; at + 8 <= bytes.length && !transparent; ) {
      long length = Integer.toUnsignedLong(buf.getInt(at));
      String type = type(bytes, at + 4);
      if (type.equals("tRNS")) {
        transparent = true;
      } else if (type.equals("IDAT") || type.equals("IEND")) {
        break; // tRNS must come before the image data
      }
      if (length > bytes.length) {
        break;
      }
      at += (int) (12 + length);
    }
    return width > 0 && height > 0 ? Optional.of(new Png(width, height, transparent)) : Optional.empty();
  }

  private static String type(byte[] bytes, int at) {
    return new String(bytes, at, 4, StandardCharsets.US_ASCII);
  }
}
