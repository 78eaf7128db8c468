package dev.braeburn.server.family.reports.analytics;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip member whose bytes depend on the content only: a fixed header (no file name, modification
 * time 0, OS "unknown"), raw deflate, CRC-32 and length. Segment files are made twice — once for
 * their checksum and size when the instance is made, once on download — and must be identical
 * (reports-webhooks.md §1.3: the checksum is the MD5 of the compressed bytes).
 */
final class DeterministicGzip extends FilterOutputStream {
  /** Fastest compression: files are made again on every download, and text compresses well anyway. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final DeflaterOutputStream deflate;
  private final OutputStream target;
  private final CRC32 crc = new CRC32();
  private long length;
  private boolean finished;

  DeterministicGzip(OutputStream target) throws IOException {
    super(target);
    this.target = target;
    target.write(HEADER);
    deflate = new DeflaterOutputStream(target, deflater, 64 * 1024);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    deflate.write(b, off, len);
    crc.update(b, off, len);
    length += len;
  }

  /** Writes the trailer; the target stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    deflate.finish();
    deflater.end();
    writeIntLe((int) crc.getValue());
    writeIntLe((int) length); // ISIZE: the length modulo 2^32
  }

  private void writeIntLe(int v) throws IOException {
    target.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
  }

  @Override
  public void flush() throws IOException {
    // nothing: flushing the deflater would change the bytes
  }

  @Override
  public void close() throws IOException {
    finish();
    target.close();
  }
}
