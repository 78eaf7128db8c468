package dev.braeburn.server.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes the snapshot document row by row as the store streams them: memory stays flat however
 * many resources there are. Sections open as their first row arrives (or empty, when none does);
 * attributes go out as the store holds them, unparsed.
 */
final class SnapshotWriter implements StateSink {
  private final JsonGenerator json;
  private int section = -1;
  private final long[] counts = new long[SnapshotFormat.SECTIONS.size()];

  SnapshotWriter(JsonGenerator json) {
    this.json = json;
  }

  void begin(SnapshotHeader header) throws IOException {
    json.writeStartObject();
    json.writeStringField("format", SnapshotFormat.FORMAT);
    json.writeNumberField("version", header.version());
    json.writeStringField("createdAt", header.createdAt().toString());
    json.writeStringField("scope", header.scope());
    if (header.issuerId() != null) {
      json.writeStringField("issuerId", header.issuerId());
    }
    if (header.clock() != null) {
      json.writeObjectFieldStart("clock");
      json.writeNumberField("offsetMillis", header.clock().offset().toMillis());
      json.writeStringField("frozenAt", text(header.clock().frozenAt()));
      json.writeEndObject();
    }
    if (header.certificateAuthority() != null) {
      json.writeFieldName("certificateAuthority");
      json.writeRawValue(header.certificateAuthority()); // the store holds the JSON document the authority wrote
    }
  }

  @Override
  public void team(Team team) {
    row(0, () -> {
      json.writeStringField("issuerId", team.issuerId());
      json.writeStringField("name", team.name());
      json.writeStringField("createdAt", team.createdAt().toString());
      json.writeBooleanField("agreementsMissing", team.agreementsMissing());
      json.writeStringField("teamId", team.teamId());
      json.writeStringField("programMembership", team.programMembership());
    });
  }

  @Override
  public void key(ApiKey key) {
    row(1, () -> {
      json.writeStringField("keyId", key.keyId());
      json.writeStringField("issuerId", key.issuerId());
      json.writeStringField("name", key.name());
      json.writeStringField("type", key.keyType());
      json.writeArrayFieldStart("roles");
      for (String role : key.roles()) {
        json.writeString(role);
      }
      json.writeEndArray();
      json.writeStringField("publicKey", key.publicKey());
      json.writeStringField("createdAt", key.createdAt().toString());
      json.writeStringField("revokedAt", text(key.revokedAt()));
      if (key.hourlyLimit() == null) {
        json.writeNullField("hourlyLimit");
      } else {
        json.writeNumberField("hourlyLimit", key.hourlyLimit());
      }
    });
  }

  @Override
  public void resource(StoredResource resource) {
    row(2, () -> {
      json.writeStringField("issuerId", resource.issuerId());
      json.writeStringField("type", resource.type());
      json.writeStringField("id", resource.id());
      json.writeStringField("createdAt", resource.createdAt().toString());
      json.writeStringField("updatedAt", resource.updatedAt().toString());
      json.writeFieldName("attributes");
      json.writeRawValue(resource.attributesJson()); // the store only ever holds JSON objects it wrote itself
    });
  }

  @Override
  public void link(StoredLink link) {
    row(3, () -> {
      json.writeStringField("issuerId", link.issuerId());
      json.writeStringField("sourceType", link.sourceType());
      json.writeStringField("sourceId", link.sourceId());
      json.writeStringField("relationship", link.relation());
      json.writeStringField("targetType", link.targetType());
      json.writeStringField("targetId", link.targetId());
    });
  }

  @Override
  public void task(StoredTask task) {
    row(4, () -> {
      json.writeStringField("issuerId", task.issuerId());
      json.writeStringField("kind", task.kind());
      json.writeStringField("dueAt", task.dueAt().toString());
      json.writeNumberField("attempt", task.attempt());
      json.writeFieldName("payload");
      json.writeRawValue(task.payloadJson()); // written by the store itself from an ObjectNode
    });
  }

  /** Closes the last section (opening any that had no rows) and the document. */
  void finish() throws IOException {
    enter(SnapshotFormat.SECTIONS.size());
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  SnapshotSummary summary(SnapshotHeader header) {
    return new SnapshotSummary(header.scope(), header.issuerId(), counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  private interface Fields {
    void write() throws IOException;
  }

  private void row(int rowSection, Fields fields) {
    try {
      enter(rowSection);
      json.writeStartObject();
      fields.write();
      json.writeEndObject();
      counts[rowSection]++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void enter(int target) throws IOException {
    if (target < section) {
      throw new IllegalStateException("the store sent a row of " + SnapshotFormat.SECTIONS.get(target) + " after "
          + SnapshotFormat.SECTIONS.get(section));
    }
    while (section < target) {
      if (section >= 0) {
        json.writeEndArray();
      }
      section++;
      if (section < SnapshotFormat.SECTIONS.size()) {
        json.writeArrayFieldStart(SnapshotFormat.SECTIONS.get(section));
      }
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
