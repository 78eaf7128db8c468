package dev.braeburn.server.rules;

/**
 * Where a rule reads the state it depends on: an attribute of the resource itself
 * ({@code appVersionState}) or of its to-one parent ({@code appStoreVersion.appVersionState}).
 */
public record StateSource(String relationship, String attribute) {

  static StateSource parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? new StateSource(null, text) : new StateSource(text.substring(0, dot), text.substring(dot + 1));
  }

  boolean own() {
    return relationship == null;
  }

  @Override
  public String toString() {
    return own() ? attribute : relationship + "." + attribute;
  }
}
