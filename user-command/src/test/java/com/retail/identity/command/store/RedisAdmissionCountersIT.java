package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission control on the test stack's Redis: the buckets, the reference list and the signals. */
class RedisAdmissionCountersIT {
  private final List<String> knobs = new ArrayList<>();
  private final MetricRegistry metrics = new MetricRegistry();
  private RedisConnector redis;
  private AdmissionControl admission;

  @BeforeEach
  void setUp() {
    TestStack.requireListening("Redis", TestStack.redisPort());
    RedisSettings settings = new RedisSettings();
    settings.setPort(TestStack.redisPort());
    settings.setKeyPrefix(TestStack.env("REDIS_KEY_PREFIX", "it:manual:") + "adm-it:");
    redis = new RedisConnector(settings);
    Challenges challenges =
        new Challenges(new ChallengeSettings(), redis, metrics, Clock.systemUTC());
    admission =
        new AdmissionControl(
            new AdmissionKnobs(),
            new RedisAdmissionCounters(redis),
            ProofOfWork.by(challenges),
            metrics,
            Clock.systemUTC());
    knob("identity.challenge.difficulty", "1000");
    knob("identity.challenge.levels", "0:1000");
  }

  @AfterEach
  void tearDown() {
    knobs.forEach(Knobs::clearOverride);
    redis.stop();
  }

  private void knob(String name, String value) {
    Knobs.override(name, value);
    knobs.add(name);
  }

  private static String freshSubnet() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "100." + (64 + r.nextInt(64)) + "." + r.nextInt(256) + ".";
  }

  private AdmissionDecision register(String ip, String device, String email) {
    return admission.decide(AdmissionRequest.register(ip, device, email, null));
  }

  @Test
  void eachDimensionHasItsOwnBucket() {
    knob("identity.ratelimit.register.address.burst", "2");
    knob("identity.ratelimit.register.address.perMinute", "2");
    String subnet = freshSubnet();
    assertThat(register(subnet + "1", null, "a@example.com").isAllowed()).isTrue();
    assertThat(register(subnet + "1", null, "a@example.com").isAllowed()).isTrue();
    AdmissionDecision third = register(subnet + "1", null, "a@example.com");
    assertThat(third.outcome()).isEqualTo(AdmissionDecision.Outcome.RATE_LIMITED);
    assertThat(third.reason()).isEqualTo("address");
    assertThat(third.retryAfterSeconds()).isBetween(1L, 31L);
    assertThat(register(subnet + "2", null, "a@example.com").isAllowed())
        .as("another address")
        .isTrue();

    knob("identity.ratelimit.register.subnet.burst", "4");
    knob("identity.ratelimit.register.subnet.perMinute", "1");
    String other = freshSubnet();
    for (int i = 1; i <= 4; i++) {
      assertThat(register(other + i, null, "a@example.com").isAllowed()).isTrue();
    }
    assertThat(register(other + "99", null, "a@example.com").reason()).isEqualTo("subnet");
    assertThat(
            register(
                    "2001:db8:77:" + ThreadLocalRandom.current().nextInt(0xff) + "00::1",
                    null,
                    "a@example.com")
                .isAllowed())
        .isTrue();

    knob("identity.ratelimit.register.device.burst", "1");
    String device = "device-" + System.nanoTime();
    assertThat(register(freshSubnet() + "1", device, "a@example.com").isAllowed()).isTrue();
    assertThat(register(freshSubnet() + "1", device, "a@example.com").reason()).isEqualTo("device");

    knob("identity.ratelimit.register.domain.burst", "1");
    // The default refill (6000/min) would refill a burst of 1 within 10 ms on a busy machine.
    knob("identity.ratelimit.register.domain.perMinute", "1");
    String domain = "catch-all-" + System.nanoTime() + ".example";
    assertThat(register(freshSubnet() + "1", null, "a@" + domain).isAllowed()).isTrue();
    assertThat(register(freshSubnet() + "1", null, "b@" + domain).reason()).isEqualTo("domain");
    assertThat(metrics.counter("admission.register.rate_limited.domain").getCount()).isEqualTo(1);
  }

  @Test
  void largeMailProvidersSkipTheDomainBucketButNotTheOthers() {
    knob("identity.ratelimit.register.domain.burst", "1");
    String big = "big-provider-" + System.nanoTime() + ".example";
    String small = "small-" + System.nanoTime() + ".example";
    knob(AdmissionKnobs.DOMAIN_EXEMPT, "other.example " + big.toUpperCase());

    for (int i = 0; i < 5; i++) {
      assertThat(register(freshSubnet() + "1", null, "user" + i + "@" + big).isAllowed())
          .as("exempt sign-up " + i)
          .isTrue();
    }
    assertThat(register(freshSubnet() + "1", null, "a@" + small).isAllowed()).isTrue();
    assertThat(register(freshSubnet() + "1", null, "b@" + small).reason()).isEqualTo("domain");

    knob("identity.ratelimit.register.address.burst", "1");
    String address = freshSubnet() + "1";
    assertThat(register(address, null, "x@" + big).isAllowed()).isTrue();
    assertThat(register(address, null, "y@" + big).reason())
        .as("the address bucket still applies")
        .isEqualTo("address");
  }

  @Test
  void theBiggestMailProvidersAreExemptByDefault() {
    knob("identity.ratelimit.register.domain.burst", "1");
    for (int i = 0; i < 3; i++) {
      assertThat(register(freshSubnet() + "1", null, "launch" + i + "@gmail.com").isAllowed())
          .isTrue();
    }
  }

  @Test
  void disposableDomainsComeFromTheRedisReferenceSet() {
    String key = redis.key(RedisAdmissionCounters.DISPOSABLE_DOMAINS);
    redis.redis().del(key);
    // empty set: the built-in list
    assertThat(register(freshSubnet() + "1", null, "x@mailinator.com").outcome())
        .isEqualTo(AdmissionDecision.Outcome.REFUSED);
    redis.redis().sadd(key, "throwaway.example", "burner.example");
    assertThat(register(freshSubnet() + "1", null, "x@throwaway.example").outcome())
        .isEqualTo(AdmissionDecision.Outcome.REFUSED);
    assertThat(register(freshSubnet() + "1", null, "x@eu.burner.example").outcome())
        .isEqualTo(AdmissionDecision.Outcome.REFUSED);
    AdmissionDecision ordinary = register(freshSubnet() + "1", null, "x@example.com");
    assertThat(ordinary.isAllowed()).as("%s", ordinary).isTrue();
    redis.redis().del(key);
  }

  @Test
  void oneAddressTryingManyAccountsOrFailingMostLoginsMustSolveAChallenge() {
    knob(AdmissionKnobs.RISK_MAX_ACCOUNTS, "5");
    String stuffer = freshSubnet() + "7";
    for (int i = 0; i < 6; i++) {
      admission.recordLogin(stuffer, "account-" + i, i % 2 == 0);
    }
    AdmissionDecision many =
        admission.decide(AdmissionRequest.login(stuffer, null, "a@example.com", null));
    assertThat(many.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(many.reason()).isEqualTo("risk-many-accounts");

    knob(AdmissionKnobs.RISK_MIN_ATTEMPTS, "4");
    String failing = freshSubnet() + "8";
    admission.recordLogin(failing, "one", true);
    for (int i = 0; i < 3; i++) {
      admission.recordLogin(failing, "one", false);
    }
    AdmissionDecision risky =
        admission.decide(AdmissionRequest.login(failing, null, "a@example.com", null));
    assertThat(risky.reason()).isEqualTo("risk-failed-logins");
    assertThat(risky.challenge()).isNotNull();

    String fine = freshSubnet() + "9";
    for (int i = 0; i < 4; i++) {
      admission.recordLogin(fine, "mine", true);
    }
    assertThat(
            admission.decide(AdmissionRequest.login(fine, null, "a@example.com", null)).isAllowed())
        .isTrue();
  }

  @Test
  void theRedisKeysAndTheirLifetimesStayThoseOfRunningSystems() throws Exception {
    // given the default limits and signal window (set here: other tests of this JVM turn them)
    knob("identity.ratelimit.register.address.burst", "10");
    knob("identity.ratelimit.register.address.perMinute", "10");
    knob("identity.ratelimit.register.subnet.burst", "60");
    knob("identity.ratelimit.register.subnet.perMinute", "120");
    knob("identity.ratelimit.register.device.burst", "5");
    knob("identity.ratelimit.register.device.perMinute", "5");
    knob("identity.ratelimit.register.domain.burst", "600");
    knob("identity.ratelimit.register.domain.perMinute", "6000");
    knob(AdmissionKnobs.RISK_WINDOW, "300");
    String subnet = freshSubnet();
    String ip = subnet + "3";
    String device = "device-" + System.nanoTime();
    String domain = "keys-" + System.nanoTime() + ".example";
    long windowBefore = System.currentTimeMillis() / 300_000;

    // when one registration is decided and one failed login recorded
    assertThat(register(ip, device, "a@" + domain).isAllowed()).isTrue();
    admission.recordLogin(ip, "account-1", false);

    // then each bucket took a token and lives until it would be full again (+1 s)
    String devicePseudonym =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(device.getBytes(StandardCharsets.UTF_8)),
                0,
                16);
    record Expected(String key, int burst, long lifetimeMillis) {}
    for (Expected bucket :
        List.of(
            new Expected("adm:b:register:a:" + ip, 10, 61_000),
            new Expected("adm:b:register:s:" + subnet + "0/24", 60, 31_000),
            new Expected("adm:b:register:d:" + devicePseudonym, 5, 61_000),
            new Expected("adm:b:register:m:" + domain, 600, 7_000))) {
      String key = redis.key(bucket.key());
      assertThat(Double.parseDouble(redis.redis().hget(key, "t")))
          .as(key)
          .isEqualTo(bucket.burst() - 1.0);
      assertThat(redis.redis().pttl(key))
          .as(key)
          .isBetween(bucket.lifetimeMillis() - 5_000, bucket.lifetimeMillis() + 1);
    }
    // and the login signals of the address live two windows
    long window =
        redis.redis().exists(redis.key("adm:sig:" + ip + ":" + windowBefore))
            ? windowBefore
            : windowBefore + 1;
    String signals = redis.key("adm:sig:" + ip + ":" + window);
    String accounts = redis.key("adm:acc:" + ip + ":" + window);
    assertThat(redis.redis().hgetAll(signals)).containsEntry("a", "1").containsEntry("f", "1");
    assertThat(redis.redis().pttl(signals)).isBetween(590_000L, 600_000L);
    assertThat(redis.redis().pfcount(accounts)).isEqualTo(1);
    assertThat(redis.redis().pttl(accounts)).isBetween(590_000L, 600_000L);
  }
}
