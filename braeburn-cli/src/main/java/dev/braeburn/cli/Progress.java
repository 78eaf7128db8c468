package dev.braeburn.cli;

import java.io.Console;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One updating line on stderr for work that can take a while ("Loading snapshot… 12.4 MB of 40.0 MB
 * sent (31%)", "Advancing the clock by 365 days… 4 s"), redrawn in place with {@code \r} and ended
 * with a newline. Only when stderr is a terminal: piped, in CI or under tests it writes nothing at
 * all, so logs and scripts see exactly what they saw before. Never touches stdout, which scripts parse.
 */
final class Progress implements AutoCloseable {
  private static final String SPINNER = "|/-\\";
  /** Redraw at most this often: a snapshot streams in many small writes. */
  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String label;
  private final String verb;
  private final boolean terminal;
  private final Writer out;
  private final LongSupplier nanoTime;
  private final long started;
  private long bytes;
  private long total = -1;
  private long lastDraw;
  private boolean drawn;
  private int frame;
  private int width;

  /**
   * @param label what is going on, e.g. "Loading snapshot…"
   * @param verb what happens to the bytes counted ("sent", "written"), or null when only time is shown
   */
  Progress(String label, String verb, boolean terminal, Writer out, LongSupplier nanoTime) {
    this.label = label;
    this.verb = verb;
    this.terminal = terminal;
    this.out = out;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** On the command's stderr, drawn only when the process's stderr is a terminal. */
  static Progress onStderr(CommandSpec spec, String label, String verb) {
    return new Progress(label, verb, stderrIsTerminal(), spec.commandLine().getErr(), System::nanoTime);
  }

  /** Outside picocli's writers (a command that prints with System.out). */
  static Progress onStderr(String label, String verb) {
    return new Progress(label, verb, stderrIsTerminal(), new PrintWriter(System.err), System::nanoTime);
  }

  /**
   * Since JDK 22 {@link System#console()} answers even when redirected; {@code isTerminal()} tells.
   * It looks at stdin and stdout too, so {@code braeburn … | jq} is quiet as well — what a pipe wants.
   */
  static boolean stderrIsTerminal() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }

  /** The whole size, when known: the line then shows a percentage instead of a spinner. */
  synchronized Progress total(long totalBytes) {
    this.total = totalBytes;
    return this;
  }

  synchronized void add(long count) {
    bytes += count;
    drawIfDue();
  }

  /** {@code out}, counting what is written through it. */
  OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        add(len);
      }
    };
  }

  /**
   * Runs {@code work} (one long call, such as a clock advance the server does in one request) while
   * the line shows the time elapsed, redrawn by a daemon thread; on no terminal it just runs it.
   */
  <T> T during(Callable<T> work) throws Exception {
    if (!terminal) {
      return work.call();
    }
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "braeburn-progress");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleAtFixedRate(this::tick, 0, REDRAW_NANOS, TimeUnit.NANOSECONDS);
    try {
      return work.call();
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    }
  }

  synchronized void tick() {
    draw();
  }

  /** Draws the final state and ends the line, so that what follows starts on a line of its own. */
  @Override
  public synchronized void close() {
    if (!terminal) {
      return;
    }
    draw();
    write("\n");
  }

  private void drawIfDue() {
    if (terminal && (!drawn || nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS)) {
      draw();
    }
  }

  private void draw() {
    if (!terminal) {
      return;
    }
    String line = line();
    // Pad over what a longer previous line left behind.
    String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
    width = line.length();
    write("\r" + padded);
    drawn = true;
    lastDraw = nanoTime.getAsLong();
  }

  String line() {
    if (verb != null && total > 0) {
      long percent = Math.min(100, bytes * 100 / total);
      return label + " " + size(bytes) + " of " + size(total) + " " + verb + " (" + percent + "%)";
    }
    String spinner = SPINNER.charAt(frame++ % SPINNER.length()) + " ";
    if (verb != null && bytes > 0) {
      return spinner + label + " " + size(bytes) + " " + verb;
    }
    return spinner + label + " " + TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - started) + " s";
  }

  /** Decimal units, one decimal: "12.4 MB". */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String units = "kMGT";
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length() - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %sB", value, units.charAt(unit));
  }

  private void write(String text) {
    try {
      out.write(text);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
