package dev.braeburn.server.family.release;

import java.util.Set;

/**
 * The locales App Store metadata may be written in: the 39 of Apple's "locale shortcodes" page and
 * the eleven App Store Connect has accepted since 2025 (Bangla, Gujarati, Kannada, Malayalam,
 * Marathi, Odia, Punjabi, Slovenian, Tamil, Telugu, Urdu), as a client that tracks them lists them
 * (rorkai/App-Store-Connect-CLI shared/app_store_localizations.go, PR #1358). The spec types
 * {@code locale} as a plain string, so this list is the emulator's choice [INFER]; codes match
 * exactly, as Apple spells them.
 */
final class AppStoreLocales {
  static final Set<String> ALL = Set.of(
      "ar-SA", "bn-BD", "ca", "cs", "da", "de-DE", "el", "en-AU", "en-CA", "en-GB", "en-US", "es-ES", "es-MX", "fi", "fr-CA",
      "fr-FR", "gu-IN", "he", "hi", "hr", "hu", "id", "it", "ja", "kn-IN", "ko", "ml-IN", "mr-IN", "ms", "nl-NL", "no", "or-IN",
      "pa-IN", "pl", "pt-BR", "pt-PT", "ro", "ru", "sk", "sl-SI", "sv", "ta-IN", "te-IN", "th", "tr", "uk", "ur-PK", "vi",
      "zh-Hans", "zh-Hant");

  private AppStoreLocales() {}

  static boolean known(String locale) {
    return ALL.contains(locale);
  }
}
