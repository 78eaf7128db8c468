package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** What the field form refuses, told at once instead of as a null field or a second server. */
class BraeburnFieldsTest {
  static class TwoSettings {
    @Braeburn(seed = "") static BraeburnInstance bare;
    @Braeburn static BraeburnInstance demo;
  }

  static class WrongType {
    @Braeburn static String notInjectable;
  }

  static class Alike {
    @Braeburn(seed = "") static BraeburnInstance one;
    @Braeburn(seed = "") java.net.URI other;
  }

  @Test
  void fieldsWithDifferentSettingsAreRefused() {
    assertThatThrownBy(() -> BraeburnFields.settings(TwoSettings.class))
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("different settings");
  }

  @Test
  void fieldsWithTheSameSettingsGiveThem() {
    assertThat(BraeburnFields.settings(Alike.class)).hasValueSatisfying(s -> assertThat(s.seed()).isEmpty());
    assertThat(BraeburnFields.settings(BraeburnFieldsTest.class)).isEmpty();
  }

  @Test
  void aFieldOfATypeBraeburnDoesNotFillIsRefused() {
    assertThatThrownBy(() -> BraeburnFields.injectStatic(WrongType.class, null))
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("java.lang.String");
  }
}
