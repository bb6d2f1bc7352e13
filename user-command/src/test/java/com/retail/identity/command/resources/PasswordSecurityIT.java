package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.LoginThrottle;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(DropwizardExtensionsSupport.class)
class PasswordSecurityIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  private static CassandraConnector cassandra;

  @BeforeAll
  static void connect() {
    cassandra = new CassandraConnector(TestStack.cassandra());
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  private static void setHash(String userId, String hash) {
    cassandra
        .session()
        .execute(
            "UPDATE "
                + cassandra.keyspace()
                + ".user_events SET password_hash = ? WHERE user_id = ?",
            hash,
            UUID.fromString(userId));
  }

  private static String hashOf(String userId) {
    return cassandra
        .session()
        .execute(
            "SELECT password_hash FROM "
                + cassandra.keyspace()
                + ".user_events WHERE user_id = ? LIMIT 1",
            UUID.fromString(userId))
        .one()
        .getString(0);
  }

  private static String pbkdf2(String password) throws Exception {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 29_000, 256))
            .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$pbkdf2-sha256$29000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  @Test
  void aLegacyBcryptPasswordLogsInAndIsRehashedToArgon2id() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    setHash(userId, BCrypt.withDefaults().hashToString(10, "legacy-Bcrypt-pass-7".toCharArray()));

    assertThat(http.logIn(email, "legacy-Bcrypt-pass-7").get("userId").asText()).isEqualTo(userId);
    assertThat(hashOf(userId)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(http.logIn(email, "legacy-Bcrypt-pass-7").get("userId").asText()).isEqualTo(userId);
  }

  @Test
  void aLegacyPbkdf2PasswordLogsInAndIsRehashedToArgon2id() throws Exception {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    setHash(userId, pbkdf2("legacy-Pbkdf2-pass-8"));

    assertThat(http.logIn(email, "legacy-Pbkdf2-pass-8").get("userId").asText()).isEqualTo(userId);
    assertThat(hashOf(userId)).startsWith("$argon2id$");
  }

  @Test
  void repeatedFailuresAreThrottledAndTheWaitEnds() throws Exception {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.register(email);
    String wrong = "{\"email\":\"" + email + "\",\"password\":\"wrong-password-0\"}";
    for (int i = 0; i < 5; i++) {
      assertThat(http.post("/v1/sessions", wrong).statusCode()).isEqualTo(401);
    }

    // The 5th failure imposed a wait: even the right password is not checked during it
    HttpResponse<String> throttled =
        http.post(
            "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");

    // After the wait, the right password logs in and the count starts again
    Thread.sleep(1_100);
    assertThat(http.logIn(email, PASSWORD).get("accessToken").asText()).isNotBlank();
    assertThat(http.post("/v1/sessions", wrong).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownEmailIsThrottledExactlyLikeAKnownOne() {
    Http http = new Http(APP.getLocalPort());
    String wrong = "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"wrong-password-0\"}";
    for (int i = 0; i < 5; i++) {
      assertThat(http.post("/v1/sessions", wrong).statusCode()).isEqualTo(401);
    }
    assertThat(http.post("/v1/sessions", wrong).statusCode()).isEqualTo(429);
  }

  /**
   * An account a stranger has failed ten times (set in Redis, as the throttle keeps it, so the test
   * does not sit through the waits): its owner solves one challenge and gets in, and an unknown
   * email in the same state is answered alike.
   */
  @Test
  void givenAnAccountUnderAttack_whenItsOwnerSolvesTheChallenge_thenTheyLogIn() throws Exception {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String unknown = uniqueEmail();
    http.register(email);
    failedTenTimes(email);
    failedTenTimes(unknown);
    String login = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";

    HttpResponse<String> demanded = http.post("/v1/sessions", login);
    HttpResponse<String> demandedOfNobody =
        http.post(
            "/v1/sessions", "{\"email\":\"" + unknown + "\",\"password\":\"" + PASSWORD + "\"}");

    for (HttpResponse<String> answer : List.of(demanded, demandedOfNobody)) {
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(Http.json(answer).get("type").asText()).endsWith("/challenge-required");
    }
    Challenge challenge =
        new ObjectMapper().treeToValue(Http.json(demanded).get("challenge"), Challenge.class);
    HttpResponse<String> solved =
        http.post(
            "/v1/sessions",
            login,
            "X-Challenge-Solution",
            Challenges.solutionHeader(challenge, Challenges.solve(challenge)));
    assertThat(solved.statusCode()).as(solved.body()).isEqualTo(200);
    assertThat(http.logIn(email, PASSWORD).get("accessToken").asText())
        .as("the count starts again")
        .isNotBlank();
  }

  private static void failedTenTimes(String email) {
    UserCommandConfiguration config = APP.getConfiguration();
    String key =
        config.getRedis().getKeyPrefix()
            + "login:fail:"
            + new EmailKeys(config.emailLookupSecret()).keyOf(email);
    try (Jedis redis = new Jedis("127.0.0.1", TestStack.redisPort())) {
      redis.setex(key, 600, Integer.toString(LoginThrottle.CHALLENGE_AFTER));
    }
  }
}
