package dev.braeburn.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Period;
import java.util.Map;

/**
 * How one attribute gets its value when Apple creates the resource — one row of the table. Each
 * kind names where the value comes from; {@link Kind#FAMILY}, {@link Kind#NULL} and
 * {@link Kind#PENDING} set nothing here but say who sets it, or why it stays null.
 */
public record ValueRule(Kind kind, JsonNode value, String source, Map<String, JsonNode> map, Period plus, boolean asString,
    String why, boolean inferred) {

  /** A template placeholder naming a related resource's attribute: {@code {app.id}}. */
  private static final java.util.regex.Pattern RELATED_PLACEHOLDER = java.util.regex.Pattern.compile("\\{[A-Za-z]+\\.[A-Za-z]+}");

  public enum Kind {
    /** A fixed value: the first state Apple gives a new resource, a flag's default. */
    VALUE,
    /** Server time on the virtual clock ({@code date-time} or {@code date}), optionally plus a period. */
    NOW,
    /** Another attribute, own ({@code platform}) or of a to-one related resource ({@code bundleId.platform}), optionally mapped. */
    FROM,
    /** A string with {@code {id}}, {@code {attribute}} and {@code {relationship.attribute}} placeholders. */
    TEMPLATE,
    /** A generated identifier in Apple's format (see {@link Generators}). */
    GENERATE,
    /** 1 + the number of resources of the same type the to-one parent already has (version numbers). */
    ORDINAL,
    /** A family's own code sets it in the create's transaction; the table only records the owner. */
    FAMILY,
    /** Apple leaves it null at creation; {@code why} says until when. */
    NULL,
    /** Apple sets it, Braeburn does not yet: {@code why} names the issue that will. */
    PENDING
  }

  /** Whether this rule computes a value in the engine (rather than documenting who does). */
  public boolean computes() {
    return kind != Kind.FAMILY && kind != Kind.NULL && kind != Kind.PENDING;
  }

  /** Whether the value depends on related resources, so it is computed once relationships are linked. */
  public boolean relational() {
    return switch (kind) {
      case FROM -> source.contains(".");
      case TEMPLATE -> RELATED_PLACEHOLDER.matcher(source).find();
      case ORDINAL -> true;
      default -> false;
    };
  }

  /** Whether the value depends on other attributes of the same resource (computed after those). */
  public boolean dependsOnOwnAttributes() {
    return (kind == Kind.FROM && !source.contains(".")) || (kind == Kind.TEMPLATE && !relational());
  }
}
