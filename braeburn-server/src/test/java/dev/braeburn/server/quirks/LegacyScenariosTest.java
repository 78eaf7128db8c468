package dev.braeburn.server.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** An analytics scenarios resource written before quirks existed reads as the quirk rows of the same names. */
class LegacyScenariosTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyOldSettingBecomesItsQuirk() throws Exception {
    TeamQuirks quirks = LegacyScenarios.translate(JSON.readTree("""
        {"delayedFirstInstances":true,"skippedDate":"2026-11-02","duplicateDeliveries":false,"lateRevisions":true,
         "privacyThreshold":false,"inactivityDays":30,"emptyInstances":true}"""));
    assertThat(quirks.on("delayedFirstInstances")).isTrue();
    assertThat(quirks.on("duplicateDeliveries")).isFalse();
    assertThat(quirks.on("lateRevisions")).isTrue();
    assertThat(quirks.on("privacyThreshold")).isFalse();
    assertThat(quirks.on("emptyInstances")).isTrue();
    assertThat(quirks.param("skippedDate", "date").asText()).isEqualTo("2026-11-02");
    assertThat(quirks.param("inactivityDays", "days").asInt()).isEqualTo(30);
  }

  @Test
  void theOldDefaultsSwitchNothingOn() throws Exception {
    TeamQuirks quirks = LegacyScenarios.translate(JSON.readTree("""
        {"delayedFirstInstances":false,"skippedDate":null,"duplicateDeliveries":false,"lateRevisions":false,
         "privacyThreshold":false,"inactivityDays":90,"emptyInstances":false}"""));
    assertThat(quirks.settings().isEmpty()).isTrue();
  }
}
