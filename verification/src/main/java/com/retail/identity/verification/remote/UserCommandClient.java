package com.retail.identity.verification.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.common.discovery.ExpiringValue;
import com.retail.identity.common.discovery.HttpResult;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.verification.config.ServiceClientSettings;
import com.retail.identity.verification.core.UserCommand;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * user-command's internal endpoints, through the Ribbon + Hystrix {@link ServiceClient} of
 * user-command:
 *
 * <ul>
 *   <li>{@code POST /internal/service-tokens} {@code {"clientId","clientSecret"}} -> 200 {@code
 *       {"accessToken","expiresIn"}}: a service token, kept until 30 s before it expires (Hystrix
 *       command {@value #TOKEN_COMMAND});
 *   <li>{@code POST /internal/users/{userId}/phone-verified} {@code {"verificationId","phone"}}
 *       with {@code Authorization: Bearer <service token>} -> 204 recorded (or already recorded),
 *       404 unknown user, 401/403 bad token (Hystrix command {@value #RECORD_COMMAND}). Idempotent
 *       by verificationId, so a failed try is retried once on another instance; a 401 fetches a new
 *       token and tries once more; a 409 (the account's stream lost three races to other writers on
 *       user-command) is tried again, up to {@value #ATTEMPTS} tries in all.
 * </ul>
 */
public final class UserCommandClient implements UserCommand {
  private static final Logger LOG = LoggerFactory.getLogger(UserCommandClient.class);
  public static final String TOKEN_COMMAND = "service-token";
  public static final String RECORD_COMMAND = "phone-verified";
  static final String TOKEN_PATH = "/internal/service-tokens";
  private static final Duration EARLY_REFRESH = Duration.ofSeconds(30);
  static final int ATTEMPTS = 3;

  private final ServiceClient client;
  private final ServiceClientSettings credentials;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ExpiringValue<String> token;

  public UserCommandClient(ServiceClient client, ServiceClientSettings credentials, Clock clock) {
    this.client = client;
    this.credentials = credentials;
    this.clock = clock;
    this.token = new ExpiringValue<>(clock);
  }

  @Override
  public Recorded recordPhoneVerified(UUID userId, String verificationId, String e164) {
    ObjectNode body =
        json.createObjectNode().put("verificationId", verificationId).put("phone", e164);
    String path = "/internal/users/" + userId + "/phone-verified";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String bearer = token();
      HttpResult result;
      try {
        result =
            client.execute(RECORD_COMMAND, client.postJson(path, body.toString(), bearer(bearer)));
      } catch (RemoteServiceUnavailable e) {
        throw new Unavailable(e.getMessage(), e);
      }
      switch (result.status()) {
        case 200, 201, 204 -> {
          return Recorded.RECORDED;
        }
        case 404 -> {
          return Recorded.UNKNOWN_USER;
        }
        case 401 -> {
          forgetToken(bearer);
          if (attempt > 1) {
            throw new Unavailable("user-command refused the service token (401)", null);
          }
        }
        case 409 -> {
          // Busy account, not an error of this call: the write is idempotent, so try again.
          if (attempt == ATTEMPTS) {
            throw new Unavailable("user-command answered 409 to " + RECORD_COMMAND, null);
          }
        }
        default ->
            throw new Unavailable(
                "user-command answered " + result.status() + " to " + RECORD_COMMAND, null);
      }
    }
    throw new Unavailable("unreachable", null);
  }

  /** A valid service token, fetched when missing or about to expire. */
  String token() {
    return token.get(stale -> fetchToken());
  }

  private ExpiringValue.Fetched<String> fetchToken() {
    ObjectNode body =
        json.createObjectNode()
            .put("clientId", credentials.getId())
            .put("clientSecret", credentials.getSecret());
    HttpResult result;
    try {
      result = client.execute(TOKEN_COMMAND, client.postJson(TOKEN_PATH, body.toString(), null));
    } catch (RemoteServiceUnavailable e) {
      throw new Unavailable(e.getMessage(), e);
    }
    if (result.status() != 200) {
      LOG.error("user-command refused verification's client credentials: HTTP {}", result.status());
      throw new Unavailable("no service token: HTTP " + result.status(), null);
    }
    try {
      JsonNode answer = json.readTree(result.body());
      String accessToken = answer.path("accessToken").asText(null);
      long expiresIn = answer.path("expiresIn").asLong(0);
      if (accessToken == null || accessToken.isBlank() || expiresIn <= 0) {
        throw new Unavailable("service token answer lacks accessToken or expiresIn", null);
      }
      return new ExpiringValue.Fetched<>(
          accessToken, clock.instant().plusSeconds(expiresIn).minus(EARLY_REFRESH));
    } catch (IOException e) {
      throw new Unavailable("service token answer is not JSON", e);
    }
  }

  private void forgetToken(String rejected) {
    token.invalidate(rejected);
  }

  private static Map<String, String> bearer(String token) {
    return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
  }
}
