package dev.braeburn.server.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.quirks.QuirkCatalogue;
import dev.braeburn.server.quirks.TeamQuirks;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code undocumentedValues} quirk (protocol.md §8 [BB, REAL]): Apple's payloads carry attributes
 * and enum values the spec lacks, which break strict decoders (closed enums, no additional
 * properties). Made only on the rendered wire, never stored: apps carry {@code streamlinedBuyEnabled},
 * builds {@code computedMinRealityOsVersion}, and a device registered within the last {@code
 * processingMinutes} of the virtual clock reads {@code PROCESSING} instead of {@code ENABLED}.
 *
 * <p>Built per document only when the quirk is on and the document renders one of its types, so a
 * document without it costs {@link DocumentWriter} one null check per resource.
 */
final class UndocumentedValues {
  private static final String QUIRK = QuirkCatalogue.UNDOCUMENTED_VALUES;
  private static final Set<String> TYPES = Set.of("apps", "builds", "devices");

  private final Instant processingSince;
  /** What this document carried, for the diagnosis. */
  private final Set<String> applied = new TreeSet<>();

  private UndocumentedValues(Instant processingSince) {
    this.processingSince = processingSince;
  }

  /**
   * The quirk for a document whose data are of {@code type} and which includes {@code included}; null
   * when it renders none of the quirk's types (the team's switches are then not read) or the team has it off.
   */
  static UndocumentedValues of(OperationContext ctx, StoreTx tx, String type, List<Resource> included) {
    if (!TYPES.contains(type) && (included.isEmpty() || included.stream().noneMatch(r -> TYPES.contains(r.type())))) {
      return null;
    }
    TeamQuirks team = ctx.quirks().team(tx);
    if (!team.on(QUIRK)) {
      return null;
    }
    long minutes = team.param(QUIRK, "processingMinutes").asLong();
    return new UndocumentedValues(ctx.services().clock().instant().minusSeconds(minutes * 60));
  }

  /** The attributes to render: the stored ones, or for a device added within the window a copy reading PROCESSING. */
  JsonNode attributes(Resource r) {
    if (!r.type().equals("devices") || !"ENABLED".equals(r.attributes().path("status").asText()) || !justAdded(r)) {
      return r.attributes();
    }
    applied.add("devices.status PROCESSING");
    ObjectNode copy = r.attributes().deepCopy();
    copy.put("status", "PROCESSING");
    return copy;
  }

  /**
   * Writes the attributes the spec lacks into the open attributes object; not under a sparse fieldset
   * for the type, which can only name the spec's attributes [INFER].
   */
  void writeExtra(JsonGenerator g, Resource r, Set<String> fields) throws IOException {
    if (fields != null) {
      return;
    }
    switch (r.type()) {
      case "apps" -> {
        g.writeBooleanField("streamlinedBuyEnabled", false); // [INFER] Apple's value unrecorded; false is the safe default
        applied.add("apps.streamlinedBuyEnabled");
      }
      case "builds" -> {
        // [INFER] realityOS was visionOS's name before release: the old attribute carries the new one's value
        g.writeFieldName("computedMinRealityOsVersion");
        JsonNode vision = r.attributes().get("computedMinVisionOsVersion");
        if (vision == null || vision.isNull()) {
          g.writeNull();
        } else {
          g.writeString(vision.asText());
        }
        applied.add("builds.computedMinRealityOsVersion");
      }
      default -> {}
    }
  }

  /** Notes what the document carried (nothing when no resource of the quirk's types was written). */
  void note(OperationContext ctx) {
    if (!applied.isEmpty()) {
      ctx.quirks().applied(QUIRK, "undocumented " + String.join(", ", applied) + " on the wire");
    }
  }

  private boolean justAdded(Resource r) {
    JsonNode added = r.attributes().get("addedDate");
    if (added == null || !added.isTextual()) {
      return false;
    }
    try {
      return OffsetDateTime.parse(added.asText()).toInstant().isAfter(processingSince);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
