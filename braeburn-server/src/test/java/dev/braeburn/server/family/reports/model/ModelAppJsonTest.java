package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ModelAppJsonTest {
  @Test
  void fingerprintNamesExactlyOneModel() {
    ModelApp app = ModelApps.established(300);
    assertThat(app.fingerprint()).matches("[0-9a-f]{64}");
    assertThat(ModelApps.established(300).fingerprint()).isEqualTo(app.fingerprint());
    assertThat(ModelApps.established(301).fingerprint()).isNotEqualTo(app.fingerprint());
    assertThat(ModelApps.app(ModelApps.withPrice(app.tuning(), "0.99")).fingerprint()).isNotEqualTo(app.fingerprint());
  }

  @Test
  void aFrozenModelReadsBackAsTheSameModel() {
    ModelApp app = ModelApps.established(300);
    ModelApp back = ModelAppJson.read(ModelAppJson.write(app), app.fingerprint());
    assertThat(back).isEqualTo(app);
    LocalDate day = LocalDate.of(2026, 9, 1);
    assertThat(DaySimulationTest.describe(DaySimulation.day(back, day))).isEqualTo(DaySimulationTest.describe(DaySimulation.day(app, day)));
  }
}
