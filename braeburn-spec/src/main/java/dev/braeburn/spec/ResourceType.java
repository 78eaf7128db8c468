package dev.braeburn.spec;

import java.util.List;
import java.util.Map;

/** A JSON:API resource type ({@code apps}), its resource schemas and relationships by name. */
public record ResourceType(
    String name, List<String> schemaNames, Map<String, Relationship> relationships) {

  public Relationship relationship(String relationshipName) {
    return relationships.get(relationshipName);
  }
}
