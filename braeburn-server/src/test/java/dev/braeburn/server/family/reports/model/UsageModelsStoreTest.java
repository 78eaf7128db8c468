package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.engine.DocumentWriter;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.IdGenerator;
import dev.braeburn.server.engine.Relations;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.snapshot.Snapshots;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.sql.SqlStore;
import dev.braeburn.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model against a real (SQLite) store: products from the store, tunings and frozen versions kept in it. */
class UsageModelsStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM = "team-a";
  private static final String APP = "1600000002";
  private static ResourceModel model;

  @TempDir Path dir;
  private SqlStore store;
  private UsageModels models;

  @BeforeAll
  static void spec() {
    model = new ResourceModel(Spec.load());
  }

  @BeforeEach
  void open() {
    VirtualClock clock = new VirtualClock(Clock.systemUTC());
    store = SqlStore.sqlite(dir, JSON, clock);
    clock.attach(store::clockSetting, store::saveClockSetting);
    store.createTeam(TEAM, "A");
    Relations relations = new Relations(model);
    models = new UsageModels(new EngineServices(model, store, new DocumentWriter(model, JSON), relations, new IdGenerator(), clock, null, JSON, null));
    store.write(TEAM, tx -> {
      Resource app = tx.insert("apps", APP, JSON.createObjectNode().put("name", "Ledgerly").put("sku", "LEDGERLY").put("bundleId", "com.example.ledgerly"));
      relations.add(tx, app, model.relationship("apps", "inAppPurchasesV2"), tx.insert("inAppPurchases", "6752100201",
          attrs("Receipt Scanner", "com.example.ledgerly.scanner").put("inAppPurchaseType", "NON_CONSUMABLE")));
      relations.add(tx, app, model.relationship("apps", "inAppPurchasesV2"), tx.insert("inAppPurchases", "6752100202",
          attrs("Old Pack", "com.example.ledgerly.old").put("inAppPurchaseType", "CONSUMABLE").put("state", "REMOVED_FROM_SALE")));
      Resource group = tx.insert("subscriptionGroups", "21580417", JSON.createObjectNode().put("referenceName", "Plus"));
      relations.add(tx, app, model.relationship("apps", "subscriptionGroups"), group);
      relations.add(tx, group, model.relationship("subscriptionGroups", "subscriptions"), tx.insert("subscriptions", "6752100302",
          attrs("Plus Yearly", "com.example.ledgerly.plus.yearly").put("subscriptionPeriod", "ONE_YEAR")));
      tx.insert("apps", "1600000003", JSON.createObjectNode().put("name", "Bare").put("bundleId", "com.example.bare"));
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void productsComeFromTheStoreWithTheirPrices() {
    ModelApp app = read(tx -> models.app(tx, APP).orElseThrow());
    assertThat(app.products()).extracting(ModelProduct::appleId, ModelProduct::kind, ModelProduct::duration).containsExactly(
        org.assertj.core.groups.Tuple.tuple("6752100201", ProductKind.NON_CONSUMABLE, null),
        org.assertj.core.groups.Tuple.tuple("6752100302", ProductKind.AUTO_RENEWABLE_SUBSCRIPTION, "1 Year"));
    assertThat(app.products()).extracting(p -> p.priceUsd().toPlainString()).containsExactly("4.99", "79.99");
    assertThat(app.products().get(1).groupName()).isEqualTo("Plus");
    assertThat(read(tx -> models.app(tx, "404")).isEmpty()).isTrue();
  }

  @Test
  void anAppWithoutProductsSellsTwoInventedOnesUnlessTunedNotTo() {
    ModelApp bare = read(tx -> models.app(tx, "1600000003").orElseThrow());
    assertThat(bare.products()).extracting(ModelProduct::kind)
        .containsExactly(ProductKind.CONSUMABLE, ProductKind.AUTO_RENEWABLE_SUBSCRIPTION);
    assertThat(bare.products()).allMatch(p -> p.appleId().matches("\\d+") && p.productId().startsWith("com.example.bare."));
    store.write(TEAM, tx -> models.tune(tx, "1600000003", JSON.createObjectNode().put("inventProducts", false)));
    assertThat(read(tx -> models.app(tx, "1600000003").orElseThrow()).products()).isEmpty();
  }

  @Test
  void aTuningIsKeptAndChangesTheFingerprint() {
    ModelApp before = read(tx -> models.app(tx, APP).orElseThrow());
    ObjectNode body = JSON.createObjectNode().put("dailyDownloads", 900);
    body.putObject("productPrices").put("com.example.ledgerly.scanner", 2.49);
    store.write(TEAM, tx -> models.tune(tx, APP, body));
    ModelApp after = read(tx -> models.app(tx, APP).orElseThrow());
    assertThat(after.tuning().dailyDownloads()).isEqualTo(900);
    assertThat(after.products().getFirst().priceUsd()).isEqualByComparingTo("2.49");
    assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
    assertThat(after.tuning().launchDate()).isEqualTo(before.tuning().launchDate()); // unset fields keep their defaults
  }

  @Test
  void aFrozenVersionComesBackExactlyAfterTheAppChanged() {
    ModelApp frozen = read(tx -> models.app(tx, APP).orElseThrow());
    store.write(TEAM, tx -> {
      models.freeze(tx, frozen);
      models.freeze(tx, frozen); // idempotent
      return null;
    });
    store.write(TEAM, tx -> models.tune(tx, APP, JSON.createObjectNode().put("dailyDownloads", 5)));
    ModelApp again = read(tx -> models.version(tx, APP, frozen.fingerprint()).orElseThrow());
    assertThat(again).isEqualTo(frozen);
    LocalDate day = LocalDate.of(2026, 9, 1);
    assertThat(DaySimulationTest.describe(models.day(again, day))).isEqualTo(DaySimulationTest.describe(models.day(frozen, day)));
    assertThat(read(tx -> models.version(tx, "1600000003", frozen.fingerprint())).isEmpty()).isTrue();
    assertThat(read(tx -> models.version(tx, APP, "0".repeat(64))).isEmpty()).isTrue();
  }

  @Test
  void snapshotsCarryTuningsAndVersions() throws Exception {
    store.write(TEAM, tx -> models.tune(tx, APP, JSON.createObjectNode().put("dailyDownloads", 777)));
    ModelApp frozen = read(tx -> models.app(tx, APP).orElseThrow());
    store.write(TEAM, tx -> {
      models.freeze(tx, frozen);
      return null;
    });
    Snapshots snapshots = new Snapshots(store, JSON, Clock.systemUTC());
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    snapshots.save(TEAM, saved);
    store.write(TEAM, tx -> models.tune(tx, APP, JSON.createObjectNode().put("dailyDownloads", 1)));
    snapshots.load(new ByteArrayInputStream(saved.toByteArray()), TEAM);
    assertThat(read(tx -> models.app(tx, APP).orElseThrow()).tuning().dailyDownloads()).isEqualTo(777);
    assertThat(read(tx -> models.version(tx, APP, frozen.fingerprint())).isPresent()).isTrue();
  }

  private <T> T read(java.util.function.Function<StoreTx, T> work) {
    return store.read(TEAM, work);
  }

  private static ObjectNode attrs(String name, String productId) {
    return JSON.createObjectNode().put("name", name).put("productId", productId);
  }

}
