package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.store.Store;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The two endpoints' rules in Apple's order (server-api.md §5): the form, then the client secret
 * and the client_id's owner, then what the endpoint needs — {@code grant_type=client_credentials}
 * and {@code scope=user.migration} for a token; the access token and {@code sub}+{@code target} or
 * {@code transfer_sub} for the migration.
 */
final class AuthEndpoints {
  /** One request, and the client once its secret verified (for the journal). */
  static final class Call {
    private final ApiRequest request;
    private SignInClient client;
    private String claimedKeyId;

    Call(ApiRequest request) {
      this.request = request;
    }

    SignInClient client() {
      return client;
    }

    /** The client secret's kid, verified or not, so that the journal files a refused secret under its key. */
    String keyId() {
      return client != null ? client.keyId() : claimedKeyId;
    }
  }

  private final Store store;
  private final ClientSecrets secrets;
  private final AccessTokens tokens;
  private final UserMigration migration;
  private final Supplier<Instant> now;
  private final ObjectMapper mapper;

  AuthEndpoints(Store store, ClientSecrets secrets, AccessTokens tokens, UserMigration migration, Supplier<Instant> now, ObjectMapper mapper) {
    this.store = store;
    this.secrets = secrets;
    this.tokens = tokens;
    this.migration = migration;
    this.now = now;
    this.mapper = mapper;
  }

  ObjectNode token(Call call) {
    OAuthForm form = OAuthForm.of(call.request);
    String grant = form.required("grant_type", "client_credentials");
    if (!grant.equals("client_credentials")) {
      throw new OAuthRefusal("unsupportedGrantType", "grant_type is " + grant + "; the app-transfer token is grant_type=client_credentials");
    }
    SignInClient client = authenticate(call, form);
    String scope = form.required("scope", AccessTokens.SCOPE);
    if (!scope.equals(AccessTokens.SCOPE)) {
      throw new OAuthRefusal("invalidScope", "scope is " + scope + "; the app-transfer token takes scope=" + AccessTokens.SCOPE);
    }
    String token = store.write(client.issuerId(), tx -> {
      owned(tx, client);
      return tokens.issue(tx, client, now.get());
    });
    return mapper.createObjectNode().put("access_token", token).put("token_type", "Bearer").put("expires_in", AccessTokens.LIFETIME_SECONDS);
  }

  ObjectNode userMigrationInfo(Call call) {
    OAuthForm form = OAuthForm.of(call.request);
    SignInClient client = authenticate(call, form);
    store.read(client.issuerId(), tx -> {
      owned(tx, client);
      tokens.check(tx, client, call.request.header("authorization"), now.get());
      return null;
    });
    String sub = form.get("sub");
    String transferSub = form.get("transfer_sub");
    if ((sub == null) == (transferSub == null)) {
      throw new OAuthRefusal("migrationParameters", (sub == null ? "neither sub nor transfer_sub" : "both sub and transfer_sub")
          + " in the form; the transferring team sends sub and target, the recipient team sends transfer_sub");
    }
    if (sub != null) {
      return migration.transferSub(client, sub, form.required("target", "the recipient team's Team ID"));
    }
    return migration.exchange(client, transferSub);
  }

  private SignInClient authenticate(Call call, OAuthForm form) {
    String clientId = form.required("client_id", "the app's bundle ID");
    String secret = form.required("client_secret", "an ES256 JWT signed by a Sign in with Apple key");
    call.claimedKeyId = secrets.claimedKeyId(secret);
    call.client = secrets.verify(clientId, secret);
    return call.client;
  }

  private static void owned(dev.braeburn.server.store.StoreTx tx, SignInClient client) {
    if (!SignInApps.owns(tx, client.clientId())) {
      throw SignInApps.notOwned(client);
    }
  }
}
