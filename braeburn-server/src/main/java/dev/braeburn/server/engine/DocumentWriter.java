package dev.braeburn.server.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders stored resources as the resource schema of the response asks (protocol.md §5.3–5.4):
 * every attribute of the schema, {@code null} when unset; relationships with {@code links.self}
 * only where a {@code /relationships/R} path exists and {@code links.related} only where {@code /R}
 * exists; linkage {@code data} (and {@code meta.paging} for to-many) only when included, or always
 * when the schema gives the relationship no links.
 *
 * <p>Documents are streamed with a Jackson generator straight to bytes, no tree in between; what
 * does not depend on the resource (keys, which links exist) comes precomputed from {@link
 * ResourceView}.
 */
public final class DocumentWriter {
  static final SerializedString TYPE = new SerializedString("type");
  static final SerializedString ID = new SerializedString("id");
  static final SerializedString ATTRIBUTES = new SerializedString("attributes");
  static final SerializedString RELATIONSHIPS = new SerializedString("relationships");
  static final SerializedString LINKS = new SerializedString("links");
  static final SerializedString SELF = new SerializedString("self");
  static final SerializedString RELATED = new SerializedString("related");
  static final SerializedString DATA = new SerializedString("data");
  static final SerializedString META = new SerializedString("meta");
  static final SerializedString PAGING = new SerializedString("paging");
  static final SerializedString TOTAL = new SerializedString("total");
  static final SerializedString LIMIT = new SerializedString("limit");

  private final ResourceModel model;
  private final ObjectMapper mapper;
  /** Whether the mapper writes plain ASCII strings unescaped, so links may be copied as bytes. */
  private final boolean rawLinks;

  public DocumentWriter(ResourceModel model, ObjectMapper mapper) {
    this.model = model;
    this.mapper = mapper;
    this.rawLinks = writesPlainAsciiVerbatim(mapper);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** The members of a top-level document object, written by {@link #document}. */
  @FunctionalInterface
  public interface Body {
    void write(Json json) throws IOException;
  }

  /** One document being written: its generator, and the provider stored attribute values serialise with. */
  public record Json(JsonGenerator g, SerializerProvider provider) {}

  /** A whole document as UTF-8 bytes: {@code {}} around what {@code body} writes. */
  public byte[] document(Body body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(mapper.getFactory()._getBufferRecycler())) {
      try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        body.write(new Json(g, mapper.getSerializerProviderInstance()));
        g.writeEndObject();
      }
      byte[] bytes = out.toByteArray();
      out.release();
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource object: type, id, attributes, relationships, links. */
  public void resource(Json json, Resource r, String schemaName, RenderContext rc, Map<String, RelationData> relations)
      throws IOException {
    JsonGenerator g = json.g();
    ResourceView view = model.view(schemaName);
    Set<String> fields = rc.fields().get(view.type());
    g.writeStartObject();
    g.writeFieldName(TYPE);
    g.writeString(r.type());
    g.writeFieldName(ID);
    g.writeString(r.id());
    if (anySelected(view.attributeKeys(), fields)) {
      UndocumentedValues undocumented = rc.undocumented(); // null unless the quirk is on for this document
      JsonNode attributes = undocumented == null ? r.attributes() : undocumented.attributes(r);
      g.writeFieldName(ATTRIBUTES);
      g.writeStartObject();
      for (ResourceView.Key a : view.attributeKeys()) {
        if (fields == null || fields.contains(a.name())) {
          g.writeFieldName(a.json());
          JsonNode value = attributes.get(a.name());
          if (value == null) {
            g.writeNull();
          } else {
            value.serialize(g, json.provider());
          }
        }
      }
      if (undocumented != null) {
        undocumented.writeExtra(g, r, fields);
      }
      g.writeEndObject();
    }
    Url url = new Url(rc.baseUrl() + "/" + rc.version() + "/" + r.type() + "/" + r.id(), rawLinks);
    List<ResourceView.RenderedRelationship> rels = view.relationshipsIn(rc.version());
    boolean started = false;
    for (ResourceView.RenderedRelationship rel : rels) {
      String name = rel.key().name();
      if (fields != null && !fields.contains(name)) {
        continue;
      }
      RelationData data = rel.shape().data() ? relations.get(name) : null;
      if (!rel.hasLinks() && data == null) {
        continue; // would be an empty object: left out
      }
      if (!started) {
        g.writeFieldName(RELATIONSHIPS);
        g.writeStartObject();
        started = true;
      }
      g.writeFieldName(rel.key().json());
      relationship(g, rel, url, data);
    }
    if (started) {
      g.writeEndObject();
    }
    g.writeFieldName(LINKS);
    g.writeStartObject();
    g.writeFieldName(SELF);
    url.write(g, ResourceView.Suffix.NONE);
    g.writeEndObject();
    g.writeEndObject();
  }

  private void relationship(JsonGenerator g, ResourceView.RenderedRelationship rel, Url url, RelationData data)
      throws IOException {
    g.writeStartObject();
    if (rel.hasLinks()) {
      g.writeFieldName(LINKS);
      g.writeStartObject();
      if (rel.self() != null) {
        g.writeFieldName(SELF);
        url.write(g, rel.self());
      }
      if (rel.related() != null) {
        g.writeFieldName(RELATED);
        url.write(g, rel.related());
      }
      g.writeEndObject();
    }
    if (data != null) {
      if (rel.shape().toMany()) {
        if (rel.shape().meta()) {
          g.writeFieldName(META);
          g.writeStartObject();
          paging(g, data.total(), data.limit());
          g.writeEndObject();
        }
        g.writeFieldName(DATA);
        g.writeStartArray();
        for (Linkage l : data.data()) {
          linkage(g, l);
        }
        g.writeEndArray();
      } else {
        g.writeFieldName(DATA);
        linkage(g, data.data().isEmpty() ? null : data.data().getFirst());
      }
    }
    g.writeEndObject();
  }

  /** {@code "paging": {"total": …, "limit": …}}. */
  static void paging(JsonGenerator g, long total, int limit) throws IOException {
    paging(g, total, limit, null);
  }

  /** {@code meta.paging}, with {@code nextCursor} when given (the spec's field, sent only by a quirk). */
  static void paging(JsonGenerator g, long total, int limit, String nextCursor) throws IOException {
    g.writeFieldName(PAGING);
    g.writeStartObject();
    g.writeFieldName(TOTAL);
    g.writeNumber(total);
    g.writeFieldName(LIMIT);
    g.writeNumber(limit);
    if (nextCursor != null) {
      g.writeStringField("nextCursor", nextCursor);
    }
    g.writeEndObject();
  }

  /** A resource identifier {@code {"type", "id"}}, or {@code null}. */
  public void linkage(JsonGenerator g, Linkage l) throws IOException {
    if (l == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName(TYPE);
    g.writeString(l.type());
    g.writeFieldName(ID);
    g.writeString(l.id());
    g.writeEndObject();
  }

  private static boolean anySelected(List<ResourceView.Key> keys, Set<String> fields) {
    if (fields == null) {
      return !keys.isEmpty();
    }
    for (ResourceView.Key k : keys) {
      if (fields.contains(k.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A resource's own URL, written with each link's suffix. When both are plain ASCII (as URLs
   * almost always are) the link's bytes are copied as they are, which is what the generator would
   * write for them (checked once by {@link #writesPlainAsciiVerbatim}); otherwise the generator
   * escapes the string.
   */
  private static final class Url {
    private final String base;
    private byte[] ascii; // the base followed by room for a suffix; null when the base is not plain

    Url(String base, boolean raw) {
      this.base = base;
      this.ascii = raw ? plainAscii(base, 64) : null;
    }

    void write(JsonGenerator g, ResourceView.Suffix suffix) throws IOException {
      if (ascii == null || suffix.ascii() == null) {
        g.writeString(base + suffix.text());
        return;
      }
      int length = base.length() + suffix.ascii().length;
      if (length > ascii.length) {
        ascii = Arrays.copyOf(ascii, length);
      }
      System.arraycopy(suffix.ascii(), 0, ascii, base.length(), suffix.ascii().length);
      g.writeRawUTF8String(ascii, 0, length);
    }
  }

  /**
   * The bytes of {@code s} followed by {@code room} more when every character is printable ASCII
   * other than a quote and a backslash, else null.
   */
  static byte[] plainAscii(String s, int room) {
    byte[] out = new byte[s.length() + room];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return null;
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** Whether {@code mapper} writes a string of every plain ASCII character as those bytes, quoted. */
  private static boolean writesPlainAsciiVerbatim(ObjectMapper mapper) {
    StringBuilder all = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      if (c != '"' && c != '\\') {
        all.append(c);
      }
    }
    try {
      byte[] written = mapper.writeValueAsBytes(all.toString());
      return Arrays.equals(written, ("\"" + all + "\"").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }
}
