package dev.braeburn.server.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

/**
 * Replaces a file as a whole or not at all: the content goes to a temporary file beside it, is
 * forced to disk, and is renamed over the target in one atomic step. A failure at any point —
 * an unknown team, a full disk, a dropped connection, a crash — leaves the previous file exactly
 * as it was and no temporary file behind (a crash can leave one; its name starts with a dot).
 */
public final class AtomicFile {
  private static final int BUFFER = 1 << 16;

  /** What is written into the file; may return what it wrote (counts, say). */
  public interface Content<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code file}, gzip-compressed when its name ends in {@code .gz}. */
  public static <T> T write(Path file, Content<T> content) throws IOException {
    Path target = file.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      keepPermissions(target, temp);
      T result;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        if (target.getFileName().toString().endsWith(".gz")) {
          GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER);
          result = content.writeTo(gzip);
          gzip.finish();
        } else {
          result = content.writeTo(out);
        }
        out.flush();
        channel.force(true); // on disk before the rename makes it the file, or a crash could leave it empty
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically on this file system", e);
      }
      moved = true;
      syncDirectory(target.getParent());
      return result;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * A temporary file is private to its owner; the snapshot it becomes keeps the permissions of the
   * file it replaces (a fixture shared with a CI user stays shared), or gets the usual rw-r--r--.
   */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    try {
      Files.setPosixFilePermissions(temp, Files.exists(target)
          ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
  }

  /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; the rename is still atomic, only its durability is the OS's
    }
  }
}
