package dev.braeburn.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpecModelTest {
  static Spec spec;

  @BeforeAll
  static void load() {
    spec = Spec.load();
  }

  @Test
  void holdsEveryOperationOfSpec441() {
    assertThat(spec.version()).isEqualTo("4.4.1");
    assertThat(spec.operations()).hasSize(1263);
    Map<String, Long> byMethod = spec.operations().stream().collect(Collectors.groupingBy(Operation::method, Collectors.counting()));
    assertThat(byMethod).containsEntry("GET", 797L).containsEntry("POST", 176L).containsEntry("PATCH", 158L).containsEntry("DELETE", 132L);
  }

  @Test
  void derivesKindsTypesAndParameters() {
    Operation builds = spec.operation("apps_builds_getToManyRelated");
    assertThat(builds.kind()).isEqualTo(OperationKind.GET_RELATED);
    assertThat(builds.type()).isEqualTo("apps");
    assertThat(builds.relationship()).isEqualTo("builds");
    assertThat(builds.parameters()).containsOnlyKeys("fields[builds]", "limit");
    assertThat(builds.parameter("limit").schema().maximum().intValue()).isEqualTo(200);
    Operation iaps = spec.operation("apps_inAppPurchasesV2_getToManyRelated");
    assertThat(iaps.path()).isEqualTo("/v1/apps/{id}/inAppPurchasesV2");
    assertThat(spec.operation("reviewSubmissions_getCollection").requiredParameters()).extracting(Parameter::name).containsExactly("filter[app]");
  }

  @Test
  void pairsInverseRelationshipsAndVersionedTwins() {
    Relationship appBuilds = spec.resourceType("apps").relationship("builds");
    assertThat(appBuilds.target()).isEqualTo("builds");
    assertThat(appBuilds.toMany()).isTrue();
    assertThat(appBuilds.inverse()).isEqualTo("app");
    assertThat(spec.resourceType("builds").relationship("app").inverse()).isEqualTo("builds");
    assertThat(spec.resourceType("builds").relationship("individualTesters").inverse()).isEqualTo("builds");
    Relationship v2 = spec.resourceType("apps").relationship("inAppPurchasesV2");
    assertThat(v2.storage()).isEqualTo("inAppPurchases");
    assertThat(spec.resourceType("appCategories").relationship("parent").inverse()).isEqualTo("subcategories");
  }

  @Test
  void keepsNoProse() {
    Schema app = spec.schema("App");
    assertThat(app.property("attributes")).isNotNull();
    assertThat(spec.resolve(app.property("attributes")).property("name").type()).isEqualTo("string");
  }
}
