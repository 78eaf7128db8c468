package dev.braeburn.server.family.reports.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Query;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of filters the spec cannot express: vendor, Apple's combination table, versions, dates. */
class SalesRequestTest {
  static final String TEAM = "69a6de70-0000-47e3-e053-5b8c7c11a4d1";
  static final String VENDOR = VendorNumbers.of(TEAM);

  static Query query(String... pairs) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      filters.put(pairs[i], Arrays.asList(pairs[i + 1].split(",")));
    }
    return new Query(Map.of(), List.of(), filters, Map.of(), List.of(), null, Map.of(), null, Map.of());
  }

  static List<ApiError> problems(Query query) {
    return catchThrowableOfType(ApiException.class, () -> SalesRequest.parse(query, TEAM)).errors();
  }

  @Test
  void vendorNumbersAreEightDigitsAndStablePerTeam() {
    assertThat(VENDOR).matches("8\\d{7}").isEqualTo(VendorNumbers.of(TEAM));
    assertThat(VendorNumbers.of("another-team")).matches("8\\d{7}").isNotEqualTo(VENDOR);
  }

  @Test
  void anOmittedVersionIsTheCurrentOneAndAnOmittedDateTheLatest() {
    SalesRequest request = SalesRequest.parse(query("vendorNumber", VENDOR, "reportType", "SUBSCRIPTION", "reportSubType", "SUMMARY",
        "frequency", "DAILY"), TEAM);
    assertThat(request.version()).isEqualTo("1_4");
    assertThat(request.period()).isNull();
    assertThat(SalesRequest.parse(query("vendorNumber", VENDOR, "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "WEEKLY", "reportDate", "2026-03-08", "version", "1_1"), TEAM).period().first()).isEqualTo("2026-03-02");
  }

  @Test
  void aWrongVersionNamesTheLatest() {
    List<ApiError> errors = problems(query("vendorNumber", VENDOR, "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "DAILY", "version", "1_3"));
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.code()).isEqualTo("PARAMETER_ERROR.INVALID");
      assertThat(e.title()).isEqualTo("A parameter has an invalid value");
      assertThat(e.detail()).isEqualTo("The version parameter you have specified is invalid. The latest version for this report is 1_0.");
      assertThat(e.sourceParameter()).isEqualTo("filter[version]");
    });
  }

  @Test
  void combinationsOutsideApplesTableNameTheParameter() {
    assertThat(problems(query("vendorNumber", VENDOR, "reportType", "SALES", "reportSubType", "DETAILED", "frequency", "DAILY")))
        .singleElement().satisfies(e -> {
          assertThat(e.sourceParameter()).isEqualTo("filter[reportSubType]");
          assertThat(e.detail()).contains("'DETAILED'", "'SALES'", "Expected one of: SUMMARY");
        });
    assertThat(problems(query("vendorNumber", VENDOR, "reportType", "SUBSCRIPTION", "reportSubType", "SUMMARY", "frequency", "WEEKLY")))
        .singleElement().satisfies(e -> {
          assertThat(e.sourceParameter()).isEqualTo("filter[frequency]");
          assertThat(e.detail()).endsWith("Expected one of: DAILY");
        });
    assertThat(problems(query("vendorNumber", VENDOR, "reportType", "INSTALLS", "reportSubType", "DETAILED", "frequency", "DAILY")))
        .singleElement().satisfies(e -> assertThat(e.detail()).endsWith("Expected one of: MONTHLY, YEARLY"));
    // the same sub type is 1_2 monthly but 1_1 yearly
    assertThat(problems(query("vendorNumber", VENDOR, "reportType", "INSTALLS", "reportSubType", "DETAILED", "frequency", "YEARLY",
        "version", "1_2"))).singleElement().satisfies(e -> assertThat(e.detail()).endsWith("is 1_1."));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<ApiError> errors = problems(query("vendorNumber", "80000000", "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "WEEKLY", "reportDate", "2026-03-07", "version", "1_2,1_0"));
    assertThat(errors).extracting(ApiError::sourceParameter)
        .containsExactly("filter[vendorNumber]", "filter[version]", "filter[reportDate]");
    assertThat(errors.get(2).detail()).contains("Sunday");
  }

  @Test
  void reportDatesMustMatchTheFrequency() {
    for (String[] wrong : new String[][] {{"DAILY", "2026-03"}, {"MONTHLY", "2026-03-01"}, {"YEARLY", "2026-01"}, {"DAILY", "yesterday"}}) {
      assertThat(problems(query("vendorNumber", VENDOR, "reportType", "SALES", "reportSubType", "SUMMARY", "frequency", wrong[0],
          "reportDate", wrong[1]))).as(wrong[0] + " " + wrong[1]).singleElement()
          .satisfies(e -> assertThat(e.sourceParameter()).isEqualTo("filter[reportDate]"));
    }
  }
}
