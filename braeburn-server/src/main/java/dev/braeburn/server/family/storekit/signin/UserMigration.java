package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code POST /auth/usermigrationinfo} once the client and its access token are verified
 * (server-api.md §5). The transferring team sends {@code sub} + {@code target} and gets the user's
 * {@code transfer_sub} for that team — before the transfer (to prepare, as Apple asks) or within the
 * 60 days after it; the id is recorded in the recipient's store ({@value #TRANSFER_SUBS}, id =
 * transfer_sub: {@code person}, {@code fromIssuerId}, {@code clientId}, {@code email},
 * {@code isPrivateEmail}). The recipient sends {@code transfer_sub} and gets its own {@code sub},
 * {@code email}, {@code is_private_email} — only after an app of the transferring team came to it
 * and within the 60 days (TN3159).
 */
final class UserMigration {
  static final String TRANSFER_SUBS = "_siwaTransferSubs";
  private static final String ACCESS_DENIED_NOTE = " Inferred: Apple documents no error for this; a forum user saw the undocumented"
      + " access_denied during an app transfer, Braeburn answers the documented invalid_grant.";

  private final Store store;
  private final ObjectMapper mapper;
  private final SignInUsers users;
  private final Supplier<Instant> now;

  UserMigration(Store store, ObjectMapper mapper, SignInUsers users, Supplier<Instant> now) {
    this.store = store;
    this.mapper = mapper;
    this.users = users;
    this.now = now;
  }

  ObjectNode transferSub(SignInClient client, String sub, String target) {
    Team recipient = store.teams().stream().filter(t -> t.teamId().equals(target)).findFirst().orElseThrow(() -> new OAuthRefusal(
        "unknownTarget", "target " + target + " is not the Team ID of a team of this server (GET /_braeburn/teams shows each teamId)"));
    if (recipient.issuerId().equals(client.issuerId())) {
      throw new OAuthRefusal("unknownTarget", "target " + target + " is the caller's own team; it must be the recipient team's Team ID");
    }
    JsonNode user = store.read(client.issuerId(), tx -> tx.find(SignInUsers.USERS, sub)).map(Resource::attributes)
        .orElseThrow(() -> new OAuthRefusal("unknownUser", "sub " + sub + " is not a Sign in with Apple user of team " + client.teamId()
            + " (a user who revoked the app's access gets invalid_request at Apple, F:705275)"));
    if (!client.clientId().equals(user.path("clientId").asText())) {
      throw new OAuthRefusal("unknownUser", "sub " + sub + " signed in to " + user.path("clientId").asText() + ", not to client_id "
          + client.clientId());
    }
    String transferSub = SignInIds.transferSub(sub, target);
    store.write(recipient.issuerId(), tx -> {
      SignInApps.transferReceived(tx, client.clientId()).filter(t -> t.path("fromIssuerId").asText().equals(client.issuerId()))
          .ifPresent(transfer -> openWindow(transfer, "transfer ids can no longer be generated"));
      if (tx.find(TRANSFER_SUBS, transferSub).isEmpty()) {
        tx.insert(TRANSFER_SUBS, transferSub, mapper.createObjectNode().put("person", user.path("person").asText())
            .put("fromIssuerId", client.issuerId()).put("clientId", client.clientId()).put("email", user.path("email").asText())
            .put("isPrivateEmail", user.path("isPrivateEmail").asBoolean()));
      }
      return null;
    });
    return mapper.createObjectNode().put("transfer_sub", transferSub);
  }

  ObjectNode exchange(SignInClient client, String transferSub) {
    return store.write(client.issuerId(), tx -> {
      JsonNode id = tx.find(TRANSFER_SUBS, transferSub).map(Resource::attributes).orElseThrow(() -> new OAuthRefusal(
          "unknownTransferSub", "transfer_sub " + transferSub + " was not generated for team " + client.teamId() + " (transfer ids are"
              + " specific to the target team: the transferring team asks with target=" + client.teamId() + ")"));
      String from = id.path("fromIssuerId").asText();
      JsonNode transfer = received(tx, client, from);
      openWindow(transfer, "transfer ids can no longer be exchanged");
      return users.describe(users.forPerson(tx, id.path("person").asText(), client.clientId(), id.path("email").asText(),
          id.path("isPrivateEmail").asBoolean()));
    });
  }

  private static JsonNode received(StoreTx tx, SignInClient client, String fromIssuerId) {
    return SignInApps.transferReceived(tx, client.clientId()).filter(t -> t.path("fromIssuerId").asText().equals(fromIssuerId))
        .orElseThrow(() -> new OAuthRefusal("notTransferred", "app " + client.clientId() + " has not been transferred to team "
            + client.teamId() + " from the team (issuer " + fromIssuerId + ") that generated this transfer_sub; the exchange works"
            + " after the transfer (POST /_braeburn/storekit/signin/transfers)." + ACCESS_DENIED_NOTE));
  }

  private void openWindow(JsonNode transfer, String consequence) {
    long ends = transfer.path("transferWindowEndsDate").asLong();
    Instant at = now.get();
    if (at.toEpochMilli() > ends) {
      throw new OAuthRefusal("windowClosed", "the 60-day transfer period of " + transfer.path("clientId").asText() + " ended at "
          + Instant.ofEpochMilli(ends) + " (server time " + at + "); " + consequence + " (TN3159: transfer the app back to restart it)."
          + ACCESS_DENIED_NOTE);
    }
  }
}
