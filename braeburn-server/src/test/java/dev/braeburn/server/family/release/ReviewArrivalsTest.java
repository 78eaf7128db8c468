package dev.braeburn.server.family.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The pure parts of review arrivals: the split of a day's count, and the words drawn for a review. */
class ReviewArrivalsTest {

  @Test
  void aDaysCountIsSplitByLargestRemainderInKeyOrderOnTies() {
    Map<String, Long> downloads = new TreeMap<>(Map.of("DE\tiPhone", 30L, "GB\tiPad", 30L, "US\tiPhone", 140L));
    assertThat(ReviewArrivals.split(downloads, 200, 2)).containsExactly(Map.entry("US\tiPhone", 2));
    assertThat(ReviewArrivals.split(downloads, 200, 3)).containsExactly(Map.entry("DE\tiPhone", 1), Map.entry("US\tiPhone", 2));
    assertThat(ReviewArrivals.split(downloads, 200, 10).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    assertThat(ReviewArrivals.split(downloads, 200, 0)).isEmpty();
    assertThat(ReviewArrivals.split(Map.of(), 0, 3)).isEmpty();
  }

  @Test
  void theWordsOfAReviewComeFromItsSeedAndFitItsStorefront() {
    assertThat(ReviewTexts.draw(new SplittableRandom(7), "USA")).isEqualTo(ReviewTexts.draw(new SplittableRandom(7), "USA"));
    int[] stars = new int[6];
    for (int i = 0; i < 20_000; i++) {
      stars[ReviewTexts.draw(new SplittableRandom(i), "FRA").rating()]++;
    }
    assertThat(stars[5]).as("five stars the most").isGreaterThan(stars[4]).isGreaterThan(stars[1]);
    assertThat(stars[1]).as("one star second only to the good ones").isGreaterThan(stars[2]).isGreaterThan(stars[3]);
    assertThat(stars[5] / 20_000.0).isBetween(0.48, 0.54);
    ReviewTexts.Text japanese = ReviewTexts.draw(new SplittableRandom(1), "JPN");
    assertThat(japanese.body().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
        .isTrue();
  }
}
