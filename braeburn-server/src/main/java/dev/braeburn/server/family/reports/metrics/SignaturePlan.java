package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.family.reports.model.Allocation;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The diagnostic signatures of one app version and type: the type's events ({@link
 * DiagnosticKind#events}) split over the type's frames by largest remainder, so the counts add up
 * to the events exactly; {@code weight} is a signature's count over the events (a fraction, not
 * rounded; inferred). Each frame's share is the app's (a falling, seeded profile) moved a little
 * per version. Frames that get no event have no signature.
 */
final class SignaturePlan {
  private static final long STREAM_PROFILE = 21;
  private static final long STREAM_VERSION = 22;

  record Planned(DiagnosticKind kind, int candidate, String signature, long count, long events) {
    double weight() {
      return (double) count / events;
    }
  }

  private SignaturePlan() {}

  static List<Planned> of(ModelApp app, String version, DiagnosticKind kind, long sessions) {
    long events = kind.events(sessions);
    List<DiagnosticKind.Frame> frames = kind.frames;
    double[] weights = new double[frames.size()];
    for (int i = 0; i < weights.length; i++) {
      double profile = 1 / Math.pow(1 + rank(app, kind, i, frames.size()), 1.2);
      weights[i] = profile * Math.exp(0.35 * Seeds.gaussian(Seeds.random(app.tuning().seed(), STREAM_VERSION, kind.ordinal(), i, Seeds.of(version))));
    }
    long[] counts = Allocation.split(events, weights);
    List<Planned> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.add(new Planned(kind, i, signature(app, frames.get(i)), counts[i], events));
      }
    }
    return out;
  }

  /** "TidelineKit: ImageCache.decode(_:)" — the blamed frame's binary and symbol (inferred form). */
  static String signature(ModelApp app, DiagnosticKind.Frame frame) {
    return frame.binaryName(module(app)) + ": " + frame.symbol();
  }

  /** The app's module name: the last part of its bundle id, capitalised ("com.example.tideline" → "Tideline"). */
  static String module(ModelApp app) {
    String id = app.bundleId() == null || app.bundleId().isBlank() ? "App" : app.bundleId();
    String last = id.substring(id.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9]", "");
    return last.isEmpty() ? "App" : last.substring(0, 1).toUpperCase(Locale.ROOT) + last.substring(1);
  }

  /** The frame's place in the app's profile: a seeded permutation, so apps differ in what hangs most. */
  private static int rank(ModelApp app, DiagnosticKind kind, int frame, int n) {
    int offset = (int) Math.floorMod(Seeds.of(app.tuning().seed(), STREAM_PROFILE, kind.ordinal()), (long) n);
    return Math.floorMod(frame + offset, n);
  }
}
