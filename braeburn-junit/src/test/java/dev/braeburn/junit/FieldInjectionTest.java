package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @Braeburn} on fields only: JUnit registers the extension from them, which starts the server and fills them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldInjectionTest {
  @Braeburn static BraeburnInstance braeburn;
  @Braeburn static URI baseUrl;
  @Braeburn AppStoreConnectClient client;
  @Braeburn BraeburnAdmin admin;
  @Braeburn ApiKeyFile adminKey;

  static URI seenByBeforeAll;
  AppStoreConnectClient seenByBeforeEach;

  @BeforeAll
  static void beforeAll() {
    seenByBeforeAll = baseUrl;
  }

  @BeforeEach
  void beforeEach() {
    seenByBeforeEach = client;
  }

  @Test
  @Order(1)
  void staticFieldsAreFilledBeforeBeforeAllMethods() {
    assertThat(braeburn).isNotNull();
    assertThat(seenByBeforeAll).isEqualTo(braeburn.baseUrl()).isEqualTo(baseUrl);
  }

  @Test
  @Order(2)
  void instanceFieldsAreFilledBeforeBeforeEachMethodsAndWork() {
    assertThat(seenByBeforeEach).isSameAs(client);
    assertThat(adminKey.keyId()).isEqualTo(braeburn.keyId());
    assertThat(client.all("/v1/apps", Map.of())).hasSize(4);
    admin.createKey("DEVELOPER");
    assertThat(admin.keys().path("data").size()).isEqualTo(2);
  }

  @Test
  @Order(3)
  void theServerIsResetBeforeEachTestAsWithTheClassAnnotation() {
    // the key the previous test made went with the reset
    assertThat(admin.keys().path("data").size()).isEqualTo(1);
  }

  @Nested
  class Inner {
    @Braeburn URI innerBaseUrl;

    @Test
    void aNestedClassSharesTheOuterServerAndFillsOuterFieldsToo() {
      assertThat(innerBaseUrl).isEqualTo(baseUrl);
      assertThat(client).isNotNull();
    }
  }
}
