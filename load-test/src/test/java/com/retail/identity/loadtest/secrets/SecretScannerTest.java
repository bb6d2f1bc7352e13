package com.retail.identity.loadtest.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner finds each kind of planted secret, and nothing in ordinary log lines. */
class SecretScannerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String MASTER_KEY = "bG9jYWwtb25seS1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

  private final byte[] dataKey = random(32);
  private final String refreshToken =
      Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
  private final SecretScanner scanner =
      new SecretScanner()
          .smsTemplate(
              "Your Retail verification code is {code}. It expires in {minutes} minutes. Never share it.")
          .knownText("master key", MASTER_KEY)
          .knownKey("master key", Base64.getDecoder().decode(MASTER_KEY))
          .knownText("signing key", "Xq3bYl9dE2kfQ0aWnP1sR7tUvZ4yB8cJ6hGmK5oLwTI")
          .knownKey("data key", dataKey)
          .refreshTokenHash(SecretScanner.sha256Hex(refreshToken));

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return b;
  }

  private List<String> kindsIn(String line) {
    return scanner.scan("planted.log", "INFO first line\n" + line + "\nINFO last line").stream()
        .map(f -> f.kind() + "@" + f.line())
        .toList();
  }

  @Test
  void eachPlantedSecretIsFoundOnItsLine() {
    assertThat(kindsIn("user {\"passwordHash\":\"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA\"}"))
        .containsExactly("password hash (Argon2)@2");
    assertThat(kindsIn("hash=$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"))
        .containsExactly("password hash (bcrypt)@2");
    assertThat(kindsIn("imported $pbkdf2-sha256$29000$N2YuDQLmE$ZmFrZQ"))
        .containsExactly("password hash (PBKDF2)@2");
    assertThat(
            kindsIn(
                "SNS publish: Your Retail verification code is 482913. It expires in 10 minutes."))
        .containsExactly("SMS text with its code@2");
    assertThat(kindsIn("{\"verificationId\":\"v1\",\"code\":\"482913\"}"))
        .containsExactly("SMS code in a document@2");
    assertThat(kindsIn("config masterKey.key=" + MASTER_KEY)).containsExactly("master key@2");
    assertThat(kindsIn("raw " + HexFormat.of().formatHex(Base64.getDecoder().decode(MASTER_KEY))))
        .containsExactly("master key@2");
    assertThat(kindsIn("{\"kty\":\"EC\",\"d\":\"Xq3bYl9dE2kfQ0aWnP1sR7tUvZ4yB8cJ6hGmK5oLwTI\"}"))
        .contains("private JWK member@2", "signing key@2");
    assertThat(kindsIn("-----BEGIN EC PRIVATE KEY-----")).containsExactly("private key (PEM)@2");
    assertThat(kindsIn("unwrapped " + Base64.getEncoder().encodeToString(dataKey)))
        .containsExactly("data key@2");
    assertThat(kindsIn("unwrapped " + HexFormat.of().formatHex(dataKey)))
        .containsExactly("data key@2");
    assertThat(kindsIn("POST /v1/sessions/refresh {\"refreshToken\":\"" + refreshToken + "\"}"))
        .containsExactly("refresh token@2");
    String resetToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random(48));
    assertThat(kindsIn("open https://account.retail.example/reset#token=" + resetToken))
        .containsExactly("one-time token in a link@2");
    assertThat(kindsIn("POST /v1/password-resets/confirm {\"token\":\"" + resetToken + "\"}"))
        .containsExactly("one-time token in a document@2");
  }

  @Test
  void ordinaryLogLinesAreClean() {
    String log =
        """
        127.0.0.1 "POST /v1/sessions HTTP/1.1" 401 123 45 ms rid=0da0a559-27b0-413d-b1fd-7038ff4b36de
        WARN  [2026-11-27 15:18:06,742] [] Projector: profile-search caught up at 3fa2b1c0-cb41-11f0-8000-000000000000
        INFO Code sent for verification 6f1c2d3e-0000-4000-8000-123456789012 to a DE mobile number
        {"userId":"0da0a559-27b0-413d-b1fd-7038ff4b36de","email":"ada@example.com","version":3,"createdAt":"2026-11-27T15:18:06Z"}
        JWKS {"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}
        """;

    assertThat(scanner.scan("clean.log", log)).isEmpty();
    assertThat(scanner.knownSecrets()).isGreaterThan(6);
  }
}
