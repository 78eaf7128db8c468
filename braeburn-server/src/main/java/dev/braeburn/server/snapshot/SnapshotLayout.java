package dev.braeburn.server.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * One header field, and one record, per line: a snapshot kept as a test fixture diffs by record
 * in version control, and a reader can grep it, at the cost of a newline per row. Records and
 * everything inside them stay compact. Stateful: one per generator.
 */
final class SnapshotLayout implements PrettyPrinter {
  private static final int ROOT = 1;
  private static final int SECTION = 2;

  private int depth;

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    if (depth == ROOT) {
      g.writeRaw("\n  ");
    }
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(depth == ROOT ? ": " : ":");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(depth == ROOT ? ",\n  " : ",");
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    g.writeRaw(depth == ROOT && entries > 0 ? "\n}" : "}");
    depth--;
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
    depth++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (depth == SECTION) {
      g.writeRaw("\n    ");
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(depth == SECTION ? ",\n    " : ",");
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    g.writeRaw(depth == SECTION && values > 0 ? "\n  ]" : "]");
    depth--;
  }
}
