package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.reports.model.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A diagnostic log's {@code callStackTree} in Apple's shape: one tree, its call stack's root frame
 * the outermost call ({@code start} in dyld), each frame's caller-to-callee step in {@code
 * subFrames}, down through the run loop to the app frame the signature blames ({@code
 * isBlameFrame}) and the system call it waits in. Binary UUIDs are name-based: the app's binaries
 * change with the build number, the system's with the OS version. Offsets and addresses are
 * strings, as the spec types them (decimal offsets, hexadecimal addresses; inferred).
 */
final class CallStacks {
  private record Step(String binary, String symbol, boolean app) {}

  private CallStacks() {}

  static void write(ArrayNode tree, DiagnosticKind kind, DiagnosticKind.Frame blamed, String module, String bundleId,
      String buildNumber, String osVersion, long samples) {
    ObjectNode root = tree.addObject().put("callStackPerThread", kind != DiagnosticKind.DISK_WRITES);
    ArrayNode frames = root.putArray("callStacks").addObject().putArray("callStackRootFrames");
    ObjectNode node = null;
    for (Step step : steps(kind, blamed, module)) {
      ObjectNode frame = node == null ? frames.addObject() : node.putArray("subFrames").addObject();
      boolean blame = step.symbol().equals(blamed.symbol());
      String uuid = step.app() ? uuid(bundleId + "/" + buildNumber + "/" + step.binary()) : uuid(step.binary() + "/" + osVersion);
      long text = 0x100000000L + Math.floorMod(Seeds.of(uuid), 0x40000000L) * 0x4000L;
      long offset = 0x1000 + Math.floorMod(Seeds.of(step.binary() + step.symbol()), 0x3fffffL);
      frame.put("binaryUUID", uuid);
      frame.put("offsetIntoBinaryTextSegment", Long.toString(offset));
      frame.put("sampleCount", samples);
      frame.put("binaryName", step.binary());
      frame.put("address", "0x" + Long.toHexString(text + offset));
      frame.put("symbolName", step.symbol());
      frame.put("offsetIntoSymbol", Long.toString(4 * (1 + Math.floorMod(Seeds.of(step.symbol()), 90L))));
      frame.put("isBlameFrame", blame);
      if (step.app() && blame) {
        frame.put("fileName", blamed.file());
        frame.put("lineNumber", Long.toString(20 + Math.floorMod(Seeds.of(blamed.symbol()), 400L)));
      }
      node = frame;
    }
  }

  private static List<Step> steps(DiagnosticKind kind, DiagnosticKind.Frame blamed, String module) {
    Step app = new Step(blamed.binaryName(module), blamed.symbol(), true);
    Step main = new Step(module, "main", true);
    Step start = new Step("dyld", "start", false);
    return switch (kind) {
      case HANGS -> List.of(start, main, new Step("UIKitCore", "UIApplicationMain", false),
          new Step("CoreFoundation", "__CFRunLoopRun", false),
          new Step("CoreFoundation", "__CFRUNLOOP_IS_CALLING_OUT_TO_A_SOURCE0_PERFORM_FUNCTION__", false), app,
          new Step("libsystem_kernel.dylib", "__psynch_mutexwait", false));
      case LAUNCHES -> List.of(start, main, new Step("UIKitCore", "UIApplicationMain", false),
          new Step("UIKitCore", "-[UIApplication _runWithMainScene:transitionContext:completion:]", false), app,
          new Step("libsystem_kernel.dylib", "read", false));
      case DISK_WRITES -> List.of(new Step("libsystem_pthread.dylib", "start_wqthread", false),
          new Step("libdispatch.dylib", "_dispatch_worker_thread2", false), app,
          new Step("libsystem_kernel.dylib", "write", false));
    };
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
  }
}
