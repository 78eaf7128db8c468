package dev.braeburn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a child server's time goes while some work runs: a JFR recording started and stopped with
 * {@code jcmd} (no restart), read back here. CPU: {@code jdk.ExecutionSample} counted by the
 * innermost Braeburn frame and by the innermost frame of all. Waiting: {@code jdk.SocketRead}
 * (every read, threshold 0 — under a JDBC call that is a PostgreSQL round trip, including waits
 * for its locks) and {@code jdk.ThreadPark}/{@code jdk.JavaMonitorEnter} over 1 ms, summed by
 * the innermost Braeburn frame. (Thread dumps with {@code Thread.dump_to_file} would show virtual
 * threads too, but crashed the JDK 25.0.3 server twice under load, in {@code
 * Continuation::is_continuation_entry_frame}.) Profiled runs are never the measured ones.
 */
final class JfrProfile {
  private final ChildServer server;
  private final boolean requestThreadsOnly;
  private final Map<String, Integer> cpuBraeburn = new HashMap<>();
  private final Map<String, Integer> cpuTop = new HashMap<>();
  /** Samples with the Braeburn method anywhere on the stack (inclusive time), each method counted once per sample. */
  private final Map<String, Integer> cpuInclusive = new HashMap<>();
  private final Map<String, double[]> waits = new HashMap<>();
  private int samples;

  /**
   * {@code requestThreadsOnly}: count waits only on virtual threads, where Braeburn serves requests
   * (not, e.g., the journal's flusher idling); false for a launch, where the main thread does the work.
   */
  JfrProfile(ChildServer server, boolean requestThreadsOnly) {
    this.server = server;
    this.requestThreadsOnly = requestThreadsOnly;
  }

  /** Reads a recording made elsewhere (e.g. {@code -XX:StartFlightRecording} from a launch). */
  JfrProfile read(Path file) throws Exception {
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      add(e);
    }
    return this;
  }

  /** Records while {@code work} runs; returns its result. */
  <T> T during(Callable<T> work) throws Exception {
    Path file = Files.createTempFile("braeburn-profile", ".jfr");
    String started = server.jcmd("JFR.start", "name=storebench", "settings=profile", "jdk.ExecutionSample#period=1ms", "jdk.SocketRead#threshold=0ms",
        "jdk.ThreadPark#threshold=1ms", "jdk.JavaMonitorEnter#threshold=1ms");
    if (!started.contains("Started recording")) {
      throw new IllegalStateException("JFR.start: " + started);
    }
    T result;
    try {
      result = work.call();
    } finally {
      server.jcmd("JFR.stop", "name=storebench", "filename=" + file);
    }
    read(file);
    Files.deleteIfExists(file);
    return result;
  }

  private void add(RecordedEvent e) {
    String name = e.getEventType().getName();
    RecordedStackTrace stack = e.getStackTrace();
    if (stack == null) {
      return;
    }
    List<RecordedFrame> frames = stack.getFrames();
    String inner = innermostBraeburn(frames);
    switch (name) {
      case "jdk.ExecutionSample" -> {
        samples++;
        cpuBraeburn.merge(inner == null ? "(no Braeburn frame: Jetty, JDK, GC-free runtime work)" : inner, 1, Integer::sum);
        if (!frames.isEmpty()) {
          cpuTop.merge(frame(frames.getFirst()), 1, Integer::sum);
        }
        frames.stream().filter(JfrProfile::isBraeburn).map(JfrProfile::frame).distinct().forEach(f -> cpuInclusive.merge(f, 1, Integer::sum));
      }
      case "jdk.SocketRead", "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> {
        RecordedThread thread = e.getThread("eventThread");
        boolean request = thread != null && thread.isVirtual();
        if (inner != null && (request || !requestThreadsOnly)) {
          String what = switch (name) {
            case "jdk.SocketRead" -> "socket read (database round trip)";
            case "jdk.ThreadPark" -> "park > 1 ms (lock, pool, queue)";
            default -> "monitor wait > 1 ms";
          };
          double[] sum = waits.computeIfAbsent(what + " in " + inner, k -> new double[2]);
          Duration d = e.getDuration();
          sum[0] += d.toNanos() / 1e6;
          sum[1]++;
        }
      }
      default -> {
        // other events of the profile settings
      }
    }
  }

  private static String innermostBraeburn(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (isBraeburn(f)) {
        return frame(f);
      }
    }
    return null;
  }

  private static boolean isBraeburn(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.startsWith("dev.braeburn.server.") || type.startsWith("dev.braeburn.spec.");
  }

  private static String frame(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.replace("dev.braeburn.server.", "").replace("org.postgresql.", "pg.").replace("org.sqlite.", "sqlite.")
        .replace("org.eclipse.jetty.", "jetty.") + "." + f.getMethod().getName();
  }

  /** The top {@code n} of each count, as text. */
  String report(String title, double wallMs, int n) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s (%.0f ms of wall time, %d CPU samples of the server JVM)%n", title, wallMs, samples));
    out.append("  CPU by innermost Braeburn frame:\n");
    top(cpuBraeburn, n).forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    out.append("  CPU by Braeburn frame anywhere on the stack (inclusive):\n");
    top(cpuInclusive, 2 * n).forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    out.append("  CPU by innermost frame:\n");
    top(cpuTop, n).forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    out.append(requestThreadsOnly ? "  waiting, summed over all request threads (ms, count):\n" : "  waiting, summed over all threads (ms, count):\n");
    waits.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(n)
        .forEach(e -> out.append(String.format("    %9.0f ms %7.0f x  %s%n", e.getValue()[0], e.getValue()[1], e.getKey())));
    return out.toString();
  }

  private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n).toList();
  }
}
