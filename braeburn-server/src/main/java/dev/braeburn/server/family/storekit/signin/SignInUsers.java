package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign in with Apple users, team-scoped as at Apple (server-api.md §5): {@value #USERS} in the
 * team's store, id = the user's {@code sub} for that team: {@code person} (one Apple Account across
 * teams, never shown), {@code clientId} (the app they signed in to), {@code email},
 * {@code isPrivateEmail}. A migrated user gets a new {@code sub}, and a new relay address if the
 * email was private, in the recipient team.
 */
final class SignInUsers {
  static final String USERS = "_siwaUsers";

  private final ObjectMapper mapper;

  SignInUsers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A new user of {@code clientId}; a private email (or none given) becomes a relay address. */
  Resource create(StoreTx tx, String clientId, String email, boolean privateEmail) {
    return insert(tx, UUID.randomUUID().toString(), clientId, privateEmail || email == null ? SignInIds.relayEmail() : email,
        privateEmail || email == null);
  }

  /** The team's user for {@code person}, created for {@code clientId} on first sight (a migration into this team). */
  Resource forPerson(StoreTx tx, String person, String clientId, String email, boolean privateEmail) {
    Optional<Resource> known = tx.list(new ListSpec(USERS, null, List.of(new Condition.AttributeIn("person", ValueKind.STRING,
        List.of(person))), List.of(), null, 1)).items().stream().findFirst();
    return known.orElseGet(() -> insert(tx, person, clientId, privateEmail ? SignInIds.relayEmail() : email, privateEmail));
  }

  private Resource insert(StoreTx tx, String person, String clientId, String email, boolean privateEmail) {
    ObjectNode row = mapper.createObjectNode().put("person", person).put("clientId", clientId).put("email", email)
        .put("isPrivateEmail", privateEmail);
    return tx.insert(USERS, SignInIds.sub(), row);
  }

  /** Apple's answer for a user: {@code sub}, {@code email}, {@code is_private_email} (server-api.md §5; keys inferred). */
  ObjectNode describe(Resource user) {
    JsonNode a = user.attributes();
    return mapper.createObjectNode().put("sub", user.id()).put("email", a.path("email").asText())
        .put("is_private_email", a.path("isPrivateEmail").asBoolean());
  }
}
