package dev.braeburn.server.rules;

import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.Schema;
import java.util.Map;

/** What the rules need to know of the spec's resource types: their attributes and relationships. */
public interface TypeShapes {
  /** Every attribute a type has in any of its representations, resolved. */
  Map<String, Schema> attributes(String type);

  /** A relationship of a type by name, or null. */
  Relationship relationship(String type, String name);

  /** Whether the spec knows the type. */
  boolean knows(String type);
}
