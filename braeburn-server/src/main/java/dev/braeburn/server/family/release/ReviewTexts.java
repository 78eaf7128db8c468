package dev.braeburn.server.family.release;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a generated customer review says: a star rating from a J-shaped distribution (most reviews
 * are five stars, one star is the second most common — the usual shape of App Store ratings
 * [INFER]), a title and a body that fit the rating, in the language of the reviewer's storefront
 * for a few storefronts and in English elsewhere, and a nickname. All text is Braeburn's own and
 * says nothing about a particular app, so it fits every app; every choice is drawn from the
 * caller's seeded random, so the same review comes out the same on every server.
 */
final class ReviewTexts {
  /** Cumulative shares of 1 … 5 stars [INFER]. */
  private static final double[] STARS = {0.14, 0.20, 0.29, 0.49, 1.0};

  /** Titles and bodies of one language by sentiment (0 negative: 1–2 stars, 1 mixed: 3, 2 positive: 4–5). */
  private record Language(List<List<String>> titles, List<List<String>> bodies) {}

  private static final Language ENGLISH = new Language(
      List.of(
          List.of("Keeps crashing", "Lost my data", "Not worth it anymore", "Please fix the last update", "Too many prompts"),
          List.of("Good, but could be better", "Almost there", "Mixed feelings", "Decent but slow", "Solid basics"),
          List.of("Exactly what I needed", "Love it", "Use it every day", "Beautifully done", "Best in its class", "Five stars")),
      List.of(
          List.of("Since the latest update it closes as soon as I open it. I reinstalled twice and it still happens.",
              "Half of what I entered last week is gone after syncing. Support has not answered yet.",
              "It used to be simple. Now there are pop-ups everywhere and the one feature I used is hidden.",
              "The widget stopped refreshing and the app asks me to rate it every other day."),
          List.of("Does the job, but it takes a few seconds to load and dark mode has a couple of unreadable screens.",
              "Nice design. I would give five stars if it synced between my devices more reliably.",
              "The core features are great; settings are confusing and some text is cut off on my phone."),
          List.of("Clean, fast and it does one thing really well. The latest update made it even better.",
              "I have tried several apps like this and this is the one I kept. Worth every cent.",
              "Thoughtful details everywhere. The widgets are my favorite part.",
              "Simple to set up, works offline and never gets in the way. Thank you to the developers!")));

  private static final Map<String, Language> LANGUAGES = Map.of(
      "de", new Language(
          List.of(List.of("Stürzt ständig ab", "Leider enttäuscht"), List.of("Gut, aber ausbaufähig", "Ganz okay"),
              List.of("Genau richtig", "Super App", "Jeden Tag im Einsatz")),
          List.of(List.of("Seit dem letzten Update schließt sich die App sofort wieder.", "Nach dem Sync fehlen meine Einträge."),
              List.of("Macht, was sie soll, lädt aber etwas langsam.", "Schönes Design, die Einstellungen sind verwirrend."),
              List.of("Übersichtlich, schnell und zuverlässig. Klare Empfehlung!", "Die Widgets sind großartig. Danke!"))),
      "fr", new Language(
          List.of(List.of("Plante sans arrêt", "Décevant"), List.of("Bien, sans plus", "Peut mieux faire"),
              List.of("Parfait", "Indispensable", "Très réussi")),
          List.of(List.of("Depuis la dernière mise à jour, l'app se ferme tout de suite.", "Trop de notifications, je désinstalle."),
              List.of("Fait le travail, mais la synchronisation est lente.", "Belle interface, quelques bugs d'affichage."),
              List.of("Simple, rapide et fiable. Je l'utilise tous les jours.", "Les widgets sont superbes, merci !"))),
      "es", new Language(
          List.of(List.of("Se cierra sola", "Decepcionante"), List.of("Bien, pero mejorable", "Aceptable"),
              List.of("Justo lo que buscaba", "Excelente", "Me encanta")),
          List.of(List.of("Desde la última actualización se cierra al abrirla.", "Perdí datos después de sincronizar."),
              List.of("Cumple, aunque tarda en cargar.", "Buen diseño, pero los ajustes son confusos."),
              List.of("Rápida, sencilla y muy útil. La recomiendo.", "Los widgets son geniales. ¡Gracias!"))),
      "ja", new Language(
          List.of(List.of("すぐに落ちます", "残念です"), List.of("まあまあです", "もう少し"), List.of("最高です", "毎日使っています", "とても便利")),
          List.of(List.of("最新のアップデート以降、起動するとすぐに終了します。", "同期したらデータが消えました。"),
              List.of("機能は良いですが、読み込みが少し遅いです。", "デザインは好きですが、設定が分かりにくいです。"),
              List.of("シンプルで速く、とても使いやすいです。", "ウィジェットが便利です。ありがとうございます！"))));

  /** Storefronts (ISO 3166-1 alpha-3) whose reviewers write in a language other than English here. */
  private static final Map<String, String> LANGUAGE_OF = Map.ofEntries(
      Map.entry("DEU", "de"), Map.entry("AUT", "de"), Map.entry("CHE", "de"), Map.entry("FRA", "fr"), Map.entry("BEL", "fr"),
      Map.entry("ESP", "es"), Map.entry("MEX", "es"), Map.entry("ARG", "es"), Map.entry("COL", "es"), Map.entry("CHL", "es"),
      Map.entry("JPN", "ja"));

  private static final List<String> FIRST = List.of("Quiet", "Sunny", "Busy", "Happy", "Curious", "Rainy", "Lucky", "Early", "Night",
      "Coastal", "Urban", "Patient", "Tired", "Clever", "Brave", "Cozy");
  private static final List<String> SECOND = List.of("Otter", "Walker", "Planner", "Reader", "Sailor", "Baker", "Runner", "Fox",
      "Owl", "Gardener", "Commuter", "Parent", "Student", "Traveler", "Teacher", "Cyclist");

  /** One review's words. */
  record Text(int rating, String title, String body, String nickname) {}

  private ReviewTexts() {}

  static Text draw(SplittableRandom random, String territory) {
    double u = random.nextDouble();
    int rating = 1;
    while (rating < 5 && u >= STARS[rating - 1]) {
      rating++;
    }
    int sentiment = rating <= 2 ? 0 : rating == 3 ? 1 : 2;
    Language language = LANGUAGES.getOrDefault(LANGUAGE_OF.getOrDefault(territory, "en"), ENGLISH);
    String title = pick(random, language.titles().get(sentiment));
    String body = pick(random, language.bodies().get(sentiment));
    String nickname = pick(random, FIRST) + pick(random, SECOND) + (random.nextInt(3) == 0 ? "" : String.valueOf(random.nextInt(1, 1000)));
    return new Text(rating, title, body, nickname);
  }

  private static String pick(SplittableRandom random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}
