package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A per-app switch that makes the processing of that app's next builds fail the way Apple's can —
 * so clients can test their failure paths. Kept as an attribute of the app outside the spec (never
 * rendered), so it is durable, part of snapshots, and seen by every instance sharing a database.
 * Set through {@code POST /_braeburn/uploads/failures}.
 */
public final class ProcessingFailures {
  /** The app attribute holding the switch; not in any schema, so no response shows it. */
  static final String ATTRIBUTE = "braeburnBuildProcessingFailure";

  /** What goes wrong. */
  public enum Failure {
    /** The binary is rejected: processingState INVALID, beta states PROCESSING_EXCEPTION. */
    INVALID_BINARY,
    /** Processing itself breaks: processingState FAILED, beta states PROCESSING_EXCEPTION. */
    PROCESSING_FAILED,
    /** The build is VALID but waits for the export compliance answer while usesNonExemptEncryption is unanswered. */
    MISSING_EXPORT_COMPLIANCE
  }

  private ProcessingFailures() {}

  public static List<String> names() {
    return Arrays.stream(Failure.values()).map(Enum::name).toList();
  }

  /** Sets ({@code failure} non-null) or clears the switch of an app; false when the team has no such app. */
  public static boolean set(StoreTx tx, String appId, Failure failure) {
    Optional<Resource> app = tx.find("apps", appId);
    if (app.isEmpty()) {
      return false;
    }
    ObjectNode attributes = app.get().attributes().deepCopy();
    if (failure == null) {
      attributes.remove(ATTRIBUTE);
    } else {
      attributes.put(ATTRIBUTE, failure.name());
    }
    tx.updateAttributes(app.get(), attributes);
    return true;
  }

  /** The switch of an app: empty when off; null when the team has no such app. */
  public static Optional<Failure> get(StoreTx tx, String appId) {
    return tx.find("apps", appId).map(ProcessingFailures::of).orElse(null);
  }

  static Optional<Failure> of(Resource app) {
    String value = app == null ? null : app.attributes().path(ATTRIBUTE).asText(null);
    return Arrays.stream(Failure.values()).filter(f -> f.name().equals(value)).findFirst();
  }
}
