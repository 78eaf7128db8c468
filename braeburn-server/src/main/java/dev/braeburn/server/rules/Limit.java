package dev.braeburn.server.rules;

/**
 * The longest text Apple takes for an attribute, in characters (Unicode code points), with the
 * refusal that answers a longer one and the name Apple's detail gives the field.
 */
public record Limit(String attribute, int maxLength, String label, String refusal, String why) {}
