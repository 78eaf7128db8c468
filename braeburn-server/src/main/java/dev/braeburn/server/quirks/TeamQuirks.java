package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One team's quirk switches: for each quirk switched on, its settings ({@code {"enabled":true,
 * <param>: value}}). A quirk absent from the map is off, with its default settings.
 */
public record TeamQuirks(ObjectNode settings) {
  public static final TeamQuirks NONE = new TeamQuirks(JsonNodeFactory.instance.objectNode());

  public boolean on(String name) {
    return settings.path(name).path("enabled").asBoolean(false);
  }

  /** A setting's value as set, else its default from the table (a JSON null when it has none). */
  public JsonNode param(String name, String param) {
    JsonNode set = settings.path(name).get(param);
    if (set != null) {
      return set;
    }
    JsonNode dflt = QuirkCatalogue.get().named(name).params().get(param).defaultValue();
    return dflt == null ? NullNode.getInstance() : dflt;
  }

  public TeamQuirks with(String name, ObjectNode setting) {
    ObjectNode copy = settings.deepCopy();
    copy.set(name, setting);
    return new TeamQuirks(copy);
  }

  public TeamQuirks without(String name) {
    ObjectNode copy = settings.deepCopy();
    copy.remove(name);
    return new TeamQuirks(copy);
  }

  /** A quirk's row of the table with this team's state: what {@code GET /_braeburn/quirks} lists. */
  public ObjectNode describe(QuirkCatalogue.Quirk quirk) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", quirk.name());
    out.put("enabled", on(quirk.name()));
    ObjectNode params = out.putObject("params");
    quirk.params().keySet().forEach(p -> params.set(p, param(quirk.name(), p)));
    out.put("family", quirk.family());
    out.put("apple", quirk.apple());
    out.put("affects", quirk.affects());
    out.put("source", quirk.source());
    return out;
  }
}
