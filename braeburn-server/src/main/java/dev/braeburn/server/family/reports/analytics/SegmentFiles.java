package dev.braeburn.server.family.reports.analytics;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts an instance's lines into segments of at most {@code rowsPerSegment} rows, each a gzip'd
 * UTF-8 tab-separated file starting with the header (reports-webhooks.md §1.5): {@link #measure}
 * streams them through MD5 without keeping bytes (when the instance is made), {@link #render}
 * makes one segment's bytes (on download). Both see the same lines and write the same bytes.
 */
final class SegmentFiles {
  /** A segment's size and checksum (MD5 hex of the gzip bytes, §1.3) and how many rows it holds. */
  record Stat(long rows, long sizeInBytes, String checksum) {}

  /** Receives a data line: UTF-8 bytes {@code [0, length)} of the array, valid only during the call. */
  @FunctionalInterface
  interface LineSink {
    void line(byte[] bytes, int length);
  }

  /** Where the lines come from: calls the sink once per data line, in order. */
  @FunctionalInterface
  interface Lines {
    void forEach(LineSink sink);
  }

  private SegmentFiles() {}

  /** Every segment's statistics; an instance without rows still has one segment (the header alone). */
  static List<Stat> measure(List<String> header, Lines lines, int rowsPerSegment) {
    Cutter cutter = new Cutter(header, rowsPerSegment, -1);
    lines.forEach(cutter::accept);
    return cutter.finish();
  }

  /** The gzip bytes of segment {@code part} (0-based). */
  static byte[] render(List<String> header, Lines lines, int part, int rowsPerSegment) {
    Cutter cutter = new Cutter(header, rowsPerSegment, part);
    lines.forEach(cutter::accept);
    cutter.finish();
    return cutter.kept.toByteArray();
  }

  /** Writes segment after segment; measures each, and keeps the bytes of the one asked for. */
  private static final class Cutter {
    private final byte[] header;
    private final int rowsPerSegment;
    private final int keepPart;
    private final List<Stat> stats = new ArrayList<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private int part = -1;
    private long rows;
    private Counting counting;
    private DeterministicGzip gzip;
    private OutputStream out;

    Cutter(List<String> header, int rowsPerSegment, int keepPart) {
      this.header = (String.join("\t", header) + "\n").getBytes(StandardCharsets.UTF_8);
      this.rowsPerSegment = Math.max(1, rowsPerSegment);
      this.keepPart = keepPart;
    }

    void accept(byte[] line, int length) {
      if (out == null || rows == rowsPerSegment) {
        next();
      }
      if (keepPart < 0 || part == keepPart) {
        try {
          out.write(line, 0, length);
          out.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      rows++;
    }

    List<Stat> finish() {
      if (out == null) {
        next();
      }
      close();
      return stats;
    }

    private void next() {
      close();
      part++;
      rows = 0;
      try {
        counting = new Counting(part == keepPart ? kept : OutputStream.nullOutputStream());
        gzip = new DeterministicGzip(counting);
        out = new BufferedOutputStream(gzip, 64 * 1024);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      write(header);
    }

    private void close() {
      if (out == null) {
        return;
      }
      try {
        out.flush(); // the buffer into the gzip stream; the gzip stream itself ignores flushes
        gzip.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      stats.add(new Stat(rows, counting.count, HexFormat.of().formatHex(counting.digest.getMessageDigest().digest())));
      out = null;
    }

    private void write(byte[] bytes) {
      try {
        out.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Counts and digests the compressed bytes on their way to the target. */
  private static final class Counting extends OutputStream {
    private final DigestOutputStream digest;
    private long count;

    Counting(OutputStream target) {
      try {
        digest = new DigestOutputStream(target, MessageDigest.getInstance("MD5"));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      digest.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      digest.write(b, off, len);
      count += len;
    }
  }
}
