package dev.braeburn.server.engine;

import dev.braeburn.spec.Schema;
import java.util.Map;

/**
 * How one resource schema renders: its type, its attributes with their schemas, and for each
 * relationship the members its schema allows ({@code links}, {@code data}, {@code meta}) and
 * whether it is to-many. v1 and v2 representations of one type ({@code InAppPurchase} and
 * {@code InAppPurchaseV2}) are two views over the same stored resource.
 */
public record ResourceView(
    String schemaName, String type, Map<String, Schema> attributes, Map<String, RelationshipShape> relationships) {

  public record RelationshipShape(boolean links, boolean data, boolean meta, boolean toMany) {}
}
