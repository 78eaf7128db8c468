package dev.braeburn.server.engine;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.braeburn.spec.Schema;
import java.util.List;
import java.util.Map;

/**
 * How one resource schema renders: its type, its attributes with their schemas, and for each
 * relationship the members its schema allows ({@code links}, {@code data}, {@code meta}) and
 * whether it is to-many. v1 and v2 representations of one type ({@code InAppPurchase} and
 * {@code InAppPurchaseV2}) are two views over the same stored resource.
 *
 * <p>What rendering needs on every response is precomputed here once: the attribute keys
 * pre-encoded for the JSON generator, and per API version which links each relationship has.
 */
public record ResourceView(
    String schemaName,
    String type,
    Map<String, Schema> attributes,
    Map<String, RelationshipShape> relationships,
    List<Key> attributeKeys,
    Map<String, List<RenderedRelationship>> relationshipsByVersion) {

  public record RelationshipShape(boolean links, boolean data, boolean meta, boolean toMany) {}

  /** A member name and its pre-encoded JSON form. */
  public record Key(String name, SerializedString json) {
    Key(String name) {
      this(name, new SerializedString(name));
    }
  }

  /**
   * A relationship as it renders under one API version: {@code self} ({@code /relationships/R})
   * and {@code related} ({@code /R}) are appended to the resource's own URL; each is null when
   * the schema gives the relationship no links or the spec has no such path.
   */
  public record RenderedRelationship(Key key, RelationshipShape shape, Suffix self, Suffix related) {
    boolean hasLinks() {
      return self != null || related != null;
    }
  }

  /** A link's path after the resource's URL, and its bytes when it is plain ASCII (else null). */
  public record Suffix(String text, byte[] ascii) {
    static final Suffix NONE = new Suffix("");

    Suffix(String text) {
      this(text, DocumentWriter.plainAscii(text, 0));
    }
  }

  /** The relationships in schema order as they render under {@code version} (v1, v2, v3). */
  public List<RenderedRelationship> relationshipsIn(String version) {
    List<RenderedRelationship> rendered = relationshipsByVersion.get(version);
    if (rendered == null) {
      throw new IllegalArgumentException("no API version " + version + " in the spec");
    }
    return rendered;
  }
}
