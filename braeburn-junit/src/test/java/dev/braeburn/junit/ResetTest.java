package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reset before each test (on SQLite: the database copy written back) undoes everything a test
 * did in the database, fault rules included, and moves the clock back; requests running beside a
 * reset see the state before it or after it, never a mix, and never fail.
 */
@Braeburn
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetTest {
  static ApiKeyFile keyMadeByTheFirstTest;
  static Instant timeAtStart;

  @Test
  @Order(1)
  void changesEverythingTheResetPutsBack(BraeburnInstance braeburn, BraeburnAdmin admin) {
    timeAtStart = Instant.parse(admin.clock().path("now").asText());
    braeburn.client().create("bundleIds", AppStoreConnectClient.attributes()
        .put("identifier", "com.example.reset").put("name", "Reset").put("platform", "IOS"), Map.of());
    keyMadeByTheFirstTest = admin.createKey("ADMIN").apiKeyFile();
    admin.addFault("{\"id\":\"down\",\"match\":{\"path\":\"/v1/territories\"},\"fault\":{\"type\":\"error\",\"status\":503}}");
    braeburn.advanceClock(Duration.ofDays(3));

    assertThat(status(braeburn, "/v1/territories", braeburn.token())).isEqualTo(503);
    assertThat(status(braeburn, "/v1/apps", token(keyMadeByTheFirstTest))).isEqualTo(200);
    assertThat(bundleIds(braeburn)).hasSize(1);
  }

  @Test
  @Order(2)
  void startsFromTheStateAfterStart(BraeburnInstance braeburn, BraeburnAdmin admin) {
    assertThat(bundleIds(braeburn)).isEmpty();
    assertThat(admin.keys().findValuesAsText("keyId")).containsExactly(braeburn.keyId());
    assertThat(status(braeburn, "/v1/apps", token(keyMadeByTheFirstTest))).isEqualTo(401); // the key cache forgot it too
    assertThat(admin.faults().path("data").size()).isZero();
    assertThat(status(braeburn, "/v1/territories", braeburn.token())).isEqualTo(200);
    assertThat(Instant.parse(admin.clock().path("now").asText())).isEqualTo(timeAtStart);
  }

  @Test
  @Order(3)
  void requestsBesideResetsNeitherFailNorSeeAHalfRestoredState(BraeburnInstance braeburn) throws Exception {
    AtomicBoolean resetting = new AtomicBoolean(true);
    List<Future<Integer>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      for (int i = 0; i < 2; i++) {
        workers.add(pool.submit(() -> {
          int reads = 0;
          while (resetting.get()) {
            assertThat(braeburn.client().all("/v1/apps", Map.of())).hasSize(4);
            reads++;
          }
          return reads;
        }));
      }
      workers.add(pool.submit(() -> {
        int writes = 0;
        while (resetting.get()) {
          braeburn.client().create("bundleIds", AppStoreConnectClient.attributes()
              .put("identifier", "com.example.beside" + writes).put("name", "Beside").put("platform", "IOS"), Map.of());
          writes++;
        }
        return writes;
      }));
      for (int i = 0; i < 12; i++) {
        braeburn.running().restoreInitialState();
      }
      resetting.set(false);
      for (Future<Integer> worker : workers) {
        assertThat(worker.get()).isPositive();
      }
    }
    braeburn.running().restoreInitialState();
    assertThat(bundleIds(braeburn)).isEmpty();
    assertThat(braeburn.client().all("/v1/apps", Map.of())).hasSize(4);
  }

  private static List<?> bundleIds(BraeburnInstance braeburn) {
    return braeburn.client().all("/v1/bundleIds", Map.of("filter[identifier]", "com.example.reset"));
  }

  private static String token(ApiKeyFile key) {
    return key.token().lifetime(Duration.ofMinutes(10)).build();
  }

  private static int status(BraeburnInstance braeburn, String path, String token) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(braeburn.baseUrl().resolve(path)).header("Authorization", "Bearer " + token)
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
