package dev.braeburn.server.family.storekit.signin;

import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitApps;
import java.util.Optional;

/**
 * Which client_ids a team may use and the app transfers it received. A client_id is the bundle ID
 * of one of the team's apps, or of an app transferred to it ({@value #TRANSFERS}, id = client_id, in
 * the recipient's store: {@code fromIssuerId}, {@code fromTeamId}, {@code transferredDate},
 * {@code transferWindowEndsDate}, ms). Services IDs are not modelled: App Store Connect's API has none.
 */
final class SignInApps {
  static final String TRANSFERS = "_siwaTransfers";

  private SignInApps() {}

  static boolean owns(StoreTx tx, String clientId) {
    return StoreKitApps.byBundleId(tx, clientId).isPresent() || tx.find(TRANSFERS, clientId).isPresent();
  }

  static Optional<com.fasterxml.jackson.databind.JsonNode> transferReceived(StoreTx tx, String clientId) {
    return tx.find(TRANSFERS, clientId).map(r -> r.attributes());
  }

  static OAuthRefusal notOwned(SignInClient client) {
    return new OAuthRefusal("clientId", "client_id " + client.clientId() + " is not the bundle ID of an app of team " + client.teamId()
        + " (issuer " + client.issuerId() + ") nor of an app transferred to it (POST /_braeburn/storekit/signin/transfers)");
  }
}
