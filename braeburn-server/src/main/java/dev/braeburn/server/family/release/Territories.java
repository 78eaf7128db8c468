package dev.braeburn.server.family.release;

import java.util.Locale;
import java.util.MissingResourceException;

/** Storefront codes: the usage model speaks ISO 3166-1 alpha-2 ("US"), the API's TerritoryCode alpha-3 ("USA"). */
final class Territories {
  private Territories() {}

  static String alpha3(String alpha2) {
    try {
      return new Locale.Builder().setRegion(alpha2).build().getISO3Country();
    } catch (MissingResourceException | java.util.IllformedLocaleException e) {
      return "USA"; // not a storefront the model offers; the model's territories are all known codes
    }
  }
}
