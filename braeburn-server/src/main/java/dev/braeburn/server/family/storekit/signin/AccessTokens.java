package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;

/**
 * Access tokens of {@code POST /auth/token} with {@code scope=user.migration} (server-api.md §5):
 * {@value #TOKENS} in the team's store (id = the token: {@code clientId}, {@code scope},
 * {@code expiresDate} ms), valid {@value #LIFETIME_SECONDS} s on the virtual clock, so a test can
 * let one expire by advancing it.
 */
final class AccessTokens {
  static final String TOKENS = "_siwaAccessTokens";
  static final long LIFETIME_SECONDS = 3600;
  static final String SCOPE = "user.migration";

  private final ObjectMapper mapper;

  AccessTokens(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A new token for {@code client}, inside the team's write transaction. */
  String issue(StoreTx tx, SignInClient client, Instant now) {
    String token = SignInIds.accessToken();
    ObjectNode row = mapper.createObjectNode().put("clientId", client.clientId()).put("scope", SCOPE)
        .put("keyId", client.keyId()).put("expiresDate", now.plusSeconds(LIFETIME_SECONDS).toEpochMilli());
    tx.insert(TOKENS, token, row);
    return token;
  }

  /** Refuses unless {@code authorization} carries a live token this team issued to {@code client}. */
  void check(StoreTx tx, SignInClient client, String authorization, Instant now) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw refuse("the request has no 'Authorization: Bearer <access_token>' header; get one from POST /auth/token"
          + " (grant_type=client_credentials, scope=user.migration)");
    }
    String token = authorization.substring(7).trim();
    Resource row = token.isEmpty() || token.indexOf('\0') >= 0 ? null : tx.find(TOKENS, token).orElse(null);
    if (row == null) {
      throw refuse("the access token is not one team " + client.teamId() + " got from POST /auth/token (tokens belong to the team"
          + " whose client secret obtained them)");
    }
    if (!client.clientId().equals(row.attributes().path("clientId").asText())) {
      throw refuse("the access token was issued to client_id " + row.attributes().path("clientId").asText() + ", not "
          + client.clientId());
    }
    long expires = row.attributes().path("expiresDate").asLong();
    if (now.toEpochMilli() >= expires) {
      throw refuse("the access token expired at " + Instant.ofEpochMilli(expires) + " (server time " + now + "; tokens last "
          + LIFETIME_SECONDS + " s on the virtual clock); get a new one from POST /auth/token");
    }
  }

  private static OAuthRefusal refuse(String diagnosis) {
    return new OAuthRefusal("accessToken", diagnosis + ". Inferred: Apple documents no error for a bad access token; Braeburn answers invalid_client");
  }
}
