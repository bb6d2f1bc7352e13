package com.retail.identity.common.challenge;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.store.RedisConnector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.altcha.altcha.Altcha;

/**
 * Issues ALTCHA-compatible proof-of-work challenges and checks their solutions. Stateless but for
 * the replay guard: any service configured with the same {@link ChallengeSettings#getHmacKey() key}
 * and the same Redis verifies what another one issued.
 *
 * <p>Metrics: {@code challenge.issued}, {@code challenge.solution.<result>}; gauge-like {@code
 * challenge.difficulty} histogram of issued maxnumbers.
 */
public final class Challenges {
  public static final String ALGORITHM = "SHA-256";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest header accepted: a solution is about 300 characters. */
  private static final int MAX_HEADER = 2048;

  private final ChallengeSettings settings;
  private final TrafficMeter traffic;
  private final Difficulty difficulty;
  private final ReplayGuard replay;
  private final MetricRegistry metrics;
  private final Clock clock;

  public Challenges(
      ChallengeSettings settings, RedisConnector redis, MetricRegistry metrics, Clock clock) {
    this(
        settings,
        new TrafficMeter(redis, clock),
        new Difficulty(),
        new ReplayGuard(redis),
        metrics,
        clock);
  }

  Challenges(
      ChallengeSettings settings,
      TrafficMeter traffic,
      Difficulty difficulty,
      ReplayGuard replay,
      MetricRegistry metrics,
      Clock clock) {
    this.settings = settings;
    this.traffic = traffic;
    this.difficulty = difficulty;
    this.replay = replay;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A new challenge; its difficulty follows the knobs and the recent challenge traffic. */
  public Challenge issue() {
    long maxNumber = difficulty.forTraffic(traffic.add());
    Challenge challenge = issue(maxNumber);
    metrics.counter("challenge.issued").inc();
    metrics.histogram("challenge.difficulty").update(maxNumber);
    return challenge;
  }

  /** A new challenge of exactly this difficulty (tests, tools). */
  public Challenge issue(long maxNumber) {
    long expires = clock.millis() / 1000 + settings.getExpirySeconds();
    try {
      Altcha.Challenge made =
          Altcha.createChallenge(
              new Altcha.ChallengeOptions()
                  .setAlgorithm(Altcha.Algorithm.SHA256)
                  .setMaxNumber(maxNumber)
                  .setSecureRandomNumber(true)
                  .setHmacKey(settings.getHmacKey())
                  .setExpires(expires));
      return new Challenge(
          made.algorithm, made.challenge, made.maxnumber, made.salt, made.signature);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a challenge", e);
    }
  }

  /**
   * Checks an {@code X-Challenge-Solution} header value (the ALTCHA widget's payload: base64 of
   * {@code {algorithm, challenge, number, salt, signature}}) and, when it is right, uses it up.
   */
  public SolutionCheck verify(String header) {
    SolutionCheck result = check(header);
    metrics.counter("challenge.solution." + result.slug()).inc();
    return result;
  }

  private SolutionCheck check(String header) {
    if (header == null || header.isBlank()) {
      return SolutionCheck.MISSING;
    }
    if (header.length() > MAX_HEADER) {
      return SolutionCheck.MALFORMED;
    }
    String algorithm;
    String challenge;
    long number;
    String salt;
    String signature;
    try {
      JsonNode payload = JSON.readTree(Base64.getDecoder().decode(header.strip()));
      for (String field : new String[] {"algorithm", "challenge", "number", "salt", "signature"}) {
        if (payload == null || !payload.hasNonNull(field)) {
          return SolutionCheck.MALFORMED;
        }
      }
      if (!payload.get("number").canConvertToLong()) {
        return SolutionCheck.MALFORMED;
      }
      algorithm = payload.get("algorithm").asText();
      challenge = payload.get("challenge").asText();
      number = payload.get("number").asLong();
      salt = payload.get("salt").asText();
      signature = payload.get("signature").asText();
    } catch (Exception e) {
      return SolutionCheck.MALFORMED;
    }
    if (!ALGORITHM.equals(algorithm) || number < 0) {
      return SolutionCheck.INVALID;
    }
    try {
      String expected = Altcha.hashHex(Altcha.Algorithm.SHA256, salt + number);
      String expectedSignature =
          Altcha.hmacHex(
              Altcha.Algorithm.SHA256,
              expected.getBytes(StandardCharsets.UTF_8),
              settings.getHmacKey());
      boolean right =
          MessageDigest.isEqual(
                  expected.getBytes(StandardCharsets.UTF_8),
                  challenge.getBytes(StandardCharsets.UTF_8))
              & MessageDigest.isEqual(
                  expectedSignature.getBytes(StandardCharsets.UTF_8),
                  signature.getBytes(StandardCharsets.UTF_8));
      if (!right) {
        return SolutionCheck.INVALID;
      }
      Map<String, String> params = Altcha.extractParams(salt);
      String expires = params.get("expires");
      long now = clock.millis() / 1000;
      if (expires == null || !expires.matches("\\d{1,12}") || now > Long.parseLong(expires)) {
        return SolutionCheck.EXPIRED;
      }
      long ttlMillis = (Long.parseLong(expires) - now + 1) * 1000;
      return switch (replay.claim(challenge, ttlMillis)) {
        case FIRST_USE -> SolutionCheck.VALID;
        case REPLAYED -> SolutionCheck.REPLAYED;
        case UNAVAILABLE -> SolutionCheck.UNAVAILABLE;
      };
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      return SolutionCheck.INVALID;
    }
  }

  /**
   * The header value a client sends for a solved challenge (tests and tools; browsers use the
   * ALTCHA widget).
   */
  public static String solutionHeader(Challenge challenge, long number) {
    String json =
        "{\"algorithm\":\""
            + challenge.algorithm()
            + "\",\"challenge\":\""
            + challenge.challenge()
            + "\",\"number\":"
            + number
            + ",\"salt\":\""
            + challenge.salt()
            + "\",\"signature\":\""
            + challenge.signature()
            + "\"}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Solves a challenge by brute force, as the widget does (tests and tools); -1 when no number
   * fits.
   */
  public static long solve(Challenge challenge) {
    try {
      Altcha.Solution solution =
          Altcha.solveChallenge(
              challenge.challenge(),
              challenge.salt(),
              Altcha.Algorithm.SHA256,
              challenge.maxnumber(),
              0);
      return solution == null ? -1 : solution.number;
    } catch (Exception e) {
      throw new IllegalStateException("cannot solve", e);
    }
  }
}
