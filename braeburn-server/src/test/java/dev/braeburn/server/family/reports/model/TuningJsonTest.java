package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TuningJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void defaultsLaunchBefore2024AndRoundTrip() {
    for (String id : new String[] {"1600000001", "1600000002", "42", "not-numeric"}) {
      ModelTuning t = Tunings.defaults(id);
      assertThat(t.launchDate()).isBefore(LocalDate.of(2024, 1, 1));
      assertThat(t.dailyDownloads()).isBetween(200, 400);
      assertThat(TuningJson.read(TuningJson.write(t))).isEqualTo(t);
      assertThat(TuningJson.write(TuningJson.read(TuningJson.write(t)))).isEqualTo(TuningJson.write(t));
    }
  }

  @Test
  void territoriesAsArrayMeanEqualWeights() throws Exception {
    ObjectNode json = TuningJson.write(Tunings.defaults("1"));
    json.set("territories", MAPPER.readTree("[\"US\",\"DE\",\"JP\"]"));
    assertThat(TuningJson.read(json).territories()).containsOnlyKeys("US", "DE", "JP").containsValue(1.0);
  }

  @Test
  void errorsNameTheField() throws Exception {
    assertRejected("territories", "{\"XX\":1}", "/territories/XX");
    assertRejected("territories", "{\"US\":0}", "/territories/US");
    assertRejected("territories", "[]", "/territories");
    assertRejected("dailyDownloads", "10000001", "/dailyDownloads");
    assertRejected("dailyDownloads", "-1", "/dailyDownloads");
    assertRejected("launchDate", "\"2025-13-01\"", "/launchDate");
    assertRejected("devices", "{\"Toaster\":1}", "/devices/Toaster");
    assertRejected("spikes", "[{\"date\":\"2026-01-01\",\"factor\":3,\"days\":0}]", "/spikes/0/days");
    assertRejected("priceUsd", "-1", "/priceUsd");
    assertRejected("nonsense", "1", "/nonsense");
  }

  private static void assertRejected(String field, String value, String pointer) throws Exception {
    ObjectNode json = TuningJson.write(Tunings.defaults("1"));
    json.set(field, MAPPER.readTree(value));
    assertThatThrownBy(() -> TuningJson.read(json)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.errors().getFirst().sourcePointer()).isEqualTo(pointer);
    });
  }
}
