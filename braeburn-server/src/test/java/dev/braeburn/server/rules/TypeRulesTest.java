package dev.braeburn.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** type-rules.json against the spec model, and the rows' value kinds that need no store. */
class TypeRulesTest {
  static ResourceModel model;
  static TypeRules rules;

  @BeforeAll
  static void load() {
    model = new ResourceModel(Spec.load());
    rules = TypeRules.load(model);
  }

  @Test
  void everyEnumValueOfTheTableIsOneOfTheSpecs() {
    rules.types().forEach(type -> rules.valueRules(type).forEach((attribute, rule) -> {
      Schema schema = model.attributes(type).get(attribute);
      assertThat(schema).as(type + "." + attribute).isNotNull();
      if (rule.kind() == ValueRule.Kind.VALUE && rule.value().isTextual() && schema.enumValues() != null && !schema.enumValues().isEmpty()) {
        assertThat(schema.enumValues()).as(type + "." + attribute).contains(rule.value().asText());
      }
    }));
  }

  @Test
  void aNewVersionStartsEditableWithItsCreationTime() {
    ObjectNode attributes = new ObjectMapper().createObjectNode().put("platform", "IOS").put("versionString", "1.0");
    rules.beforeInsert("appStoreVersions", "v1", attributes, Instant.parse("2026-03-01T10:15:30.123Z"));
    assertThat(attributes.path("appStoreState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(attributes.path("appVersionState").asText()).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(attributes.path("createdDate").asText()).isEqualTo("2026-03-01T10:15:30Z");
  }

  @Test
  void aClientValueIsNeverOverwritten() {
    ObjectNode attributes = new ObjectMapper().createObjectNode().put("isInternalGroup", true);
    rules.beforeInsert("betaGroups", "g", attributes, Instant.EPOCH);
    assertThat(attributes.path("isInternalGroup").asBoolean()).isTrue();
    assertThat(attributes.path("feedbackEnabled").asBoolean()).isTrue();
  }

  @Test
  void derivedAndMappedValuesFollowTheirSource() {
    ObjectNode cert = new ObjectMapper().createObjectNode().put("certificateType", "IOS_DISTRIBUTION");
    rules.beforeInsert("certificates", "C", cert, Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(cert.path("name").asText()).isEqualTo("iOS Distribution: Created via API");
    assertThat(cert.path("platform").asText()).isEqualTo("IOS");
    // the expiry and serial come from the certificate the signing family issues (family rows), not from the table
    assertThat(rules.valueRules("certificates").get("expirationDate").kind()).isEqualTo(ValueRule.Kind.FAMILY);
    assertThat(rules.valueRules("certificates").get("serialNumber").kind()).isEqualTo(ValueRule.Kind.FAMILY);
    ObjectNode profile = new ObjectMapper().createObjectNode().put("profileType", "MAC_APP_STORE");
    rules.beforeInsert("profiles", "P", profile, Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(profile.path("platform").asText()).isEqualTo("MAC_OS");
    // a profile's expiry depends on its type's lifetime and its content on what it holds: the signing family's
    assertThat(rules.valueRules("profiles").get("expirationDate").kind()).isEqualTo(ValueRule.Kind.FAMILY);
    assertThat(rules.valueRules("profiles").get("profileContent").kind()).isEqualTo(ValueRule.Kind.FAMILY);
    assertThat(profile.path("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void theVersionStateMachineKeepsTheDeprecatedStateInStep() {
    StateMachine machine = rules.of("appStoreVersions").states().get("appVersionState");
    assertThat(machine.mirrorMap()).containsEntry("READY_FOR_DISTRIBUTION", "READY_FOR_SALE");
    assertThat(rules.allows("appStoreVersions", "appVersionState", "PREPARE_FOR_SUBMISSION", "READY_FOR_REVIEW")).isTrue();
    assertThat(rules.allows("appStoreVersions", "appVersionState", "READY_FOR_DISTRIBUTION", "IN_REVIEW")).isFalse();
  }

  @Test
  void everyMistakeInTheTableIsReportedAtOnce() {
    String table = """
        {"refusals": {"R": {"status": 409, "code": "X", "title": "t"}},
         "types": {
           "appStoreVersionz": {},
           "appStoreVersions": {
             "initial": {"appStoreState": {"value": "LIVE"}, "noSuchAttribute": {"value": 1},
                         "downloadable": {"null": ""}, "createdDate": {"value": 1, "now": "date"}},
             "editable": [{"attributes": ["versionString"], "state": "appVersionState", "in": ["SOLD"], "refusal": "NOPE"}]},
           "gameCenterAchievementVersions": {"initial": {"version": {"ordinal": "localizations"}}}}}
        """;
    assertThatThrownBy(() -> TypeRules.load(model, stream(table)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown type appStoreVersionz")
        .hasMessageContaining("LIVE is not one of")
        .hasMessageContaining("has no attribute noSuchAttribute")
        .hasMessageContaining("must say why")
        .hasMessageContaining("exactly one of")
        .hasMessageContaining("SOLD is not a value of appStoreVersions.appVersionState")
        .hasMessageContaining("unknown refusal NOPE")
        .hasMessageContaining("is to-many");
  }

  @Test
  void factsPathsStateSetsAndLimitsAreCheckedAgainstTheSpecToo() {
    String table = """
        {"refusals": {"R": {"status": 409, "code": "X", "title": "t"}},
         "stateSets": {"open": {"values": ["PREPARE_FOR_SUBMISSION"]}},
         "facts": {
           "noWhy": {"type": "apps", "any": "appStoreVersions", "then": "A", "otherwise": "B"},
           "badPath": {"type": "apps", "any": "appStoreVersions.app", "then": "A", "otherwise": "B", "why": "w"},
           "badValue": {"type": "apps", "any": "appStoreVersions", "where": [{"appVersionState": ["SOLD_OUT"]}],
                        "then": "A", "otherwise": "B", "why": "w"}},
         "types": {
           "appScreenshots": {"create": {"state": "appScreenshotSet.appStoreVersionLocalization.appStoreVersion.appVersionState",
                                         "in": "closed", "refusal": "R"}},
           "appStoreVersionLocalizations": {
             "editable": [{"attributes": ["whatsNew"], "state": "appStoreVersion.@noSuchFact", "in": ["A"], "refusal": "R"},
                          {"attributes": ["whatsNew"], "state": "appStoreVersion.app.@badValue", "in": ["C"], "refusal": "R"},
                          {"attributes": ["keywords"], "state": "appStoreVersion.noSuchHop.appVersionState", "in": "open", "refusal": "R"}],
             "limits": {"keywords": {"maxLength": 0, "refusal": "R"}, "nope": {"maxLength": 3, "refusal": "MISSING"}}}}}
        """;
    assertThatThrownBy(() -> TypeRules.load(model, stream(table)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("facts.noWhy: a fact must say why")
        .hasMessageContaining("facts.badPath: apps.appStoreVersions is not a to-one hop")
        .hasMessageContaining("SOLD_OUT is not a value of appStoreVersions.appVersionState")
        .hasMessageContaining("unknown state set closed")
        .hasMessageContaining("unknown fact @noSuchFact")
        .hasMessageContaining("C is not a value of fact @badValue")
        .hasMessageContaining("has no relationship noSuchHop")
        .hasMessageContaining("maxLength must be positive")
        .hasMessageContaining("has no attribute nope")
        .hasMessageContaining("unknown refusal MISSING");
  }

  @Test
  void everyTypeRowsApplyOnlyWhereTheTypeHasTheAttribute() {
    Map<String, ValueRule> apps = rules.valueRules("bundleIds");
    assertThat(apps).doesNotContainKey("createdDate");
    assertThat(rules.valueRules("alternativeDistributionDomains")).containsKey("createdDate");
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
