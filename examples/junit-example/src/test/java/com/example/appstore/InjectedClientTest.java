package com.example.appstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import dev.braeburn.client.api.Resource;
import dev.braeburn.junit.Braeburn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** braeburn-client's clients as test parameters: the App Store Connect client pages, the admin client sets the stage. */
@Braeburn
class InjectedClientTest {
  @Test
  void pagesThroughEveryAppTwoAtATime(AppStoreConnectClient client) {
    List<Resource> apps = client.all("/v1/apps", Map.of("limit", "2"));

    assertEquals(4, apps.size());
    assertTrue(apps.stream().allMatch(app -> app.attributes().hasNonNull("bundleId")));
  }

  @Test
  void aKeyMadeByTheAdminClientWorksAtOnce(BraeburnAdmin admin, java.net.URI baseUrl) {
    AppStoreConnectClient developer = AppStoreConnectClient.builder(admin.createKey("DEVELOPER").apiKeyFile())
        .baseUrl(baseUrl.toString()).build();

    assertEquals(4, developer.all("/v1/apps", Map.of()).size());
  }
}
