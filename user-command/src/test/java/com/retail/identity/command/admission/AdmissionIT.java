package com.retail.identity.command.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.testing.TestStack;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission control on the test stack's Redis: the buckets, the reference list and the signals. */
class AdmissionIT {
  private final List<String> knobs = new ArrayList<>();
  private final MetricRegistry metrics = new MetricRegistry();
  private RedisConnector redis;
  private Admission admission;

  @BeforeEach
  void setUp() {
    TestStack.requireListening("Redis", TestStack.redisPort());
    RedisSettings settings = new RedisSettings();
    settings.setPort(TestStack.redisPort());
    settings.setKeyPrefix(TestStack.env("REDIS_KEY_PREFIX", "it:manual:") + "adm-it:");
    redis = new RedisConnector(settings);
    admission = new Admission(redis, new Challenges(new ChallengeSettings(), redis, metrics, Clock.systemUTC()), metrics,
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
    assertThat(register(subnet + "2", null, "a@example.com").isAllowed()).as("another address").isTrue();

    knob("identity.ratelimit.register.subnet.burst", "4");
    knob("identity.ratelimit.register.subnet.perMinute", "1");
    String other = freshSubnet();
    for (int i = 1; i <= 4; i++) {
      assertThat(register(other + i, null, "a@example.com").isAllowed()).isTrue();
    }
    assertThat(register(other + "99", null, "a@example.com").reason()).isEqualTo("subnet");
    assertThat(register("2001:db8:77:" + ThreadLocalRandom.current().nextInt(0xff) + "00::1", null, "a@example.com").isAllowed())
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
    knob(Admission.DOMAIN_EXEMPT, "other.example " + big.toUpperCase());

    for (int i = 0; i < 5; i++) {
      assertThat(register(freshSubnet() + "1", null, "user" + i + "@" + big).isAllowed()).as("exempt sign-up " + i).isTrue();
    }
    assertThat(register(freshSubnet() + "1", null, "a@" + small).isAllowed()).isTrue();
    assertThat(register(freshSubnet() + "1", null, "b@" + small).reason()).isEqualTo("domain");

    knob("identity.ratelimit.register.address.burst", "1");
    String address = freshSubnet() + "1";
    assertThat(register(address, null, "x@" + big).isAllowed()).isTrue();
    assertThat(register(address, null, "y@" + big).reason()).as("the address bucket still applies").isEqualTo("address");
  }

  @Test
  void theBiggestMailProvidersAreExemptByDefault() {
    knob("identity.ratelimit.register.domain.burst", "1");
    for (int i = 0; i < 3; i++) {
      assertThat(register(freshSubnet() + "1", null, "launch" + i + "@gmail.com").isAllowed()).isTrue();
    }
  }

  @Test
  void disposableDomainsComeFromTheRedisReferenceSet() {
    String key = redis.key(DisposableDomains.KEY);
    redis.redis().del(key);
    // empty set: the built-in list
    assertThat(register(freshSubnet() + "1", null, "x@mailinator.com").outcome()).isEqualTo(AdmissionDecision.Outcome.REFUSED);
    redis.redis().sadd(key, "throwaway.example", "burner.example");
    assertThat(register(freshSubnet() + "1", null, "x@throwaway.example").outcome()).isEqualTo(AdmissionDecision.Outcome.REFUSED);
    assertThat(register(freshSubnet() + "1", null, "x@eu.burner.example").outcome()).isEqualTo(AdmissionDecision.Outcome.REFUSED);
    AdmissionDecision ordinary = register(freshSubnet() + "1", null, "x@example.com");
    assertThat(ordinary.isAllowed()).as("%s", ordinary).isTrue();
    redis.redis().del(key);
  }

  @Test
  void oneAddressTryingManyAccountsOrFailingMostLoginsMustSolveAChallenge() {
    knob(Admission.RISK_MAX_ACCOUNTS, "5");
    String stuffer = freshSubnet() + "7";
    for (int i = 0; i < 6; i++) {
      admission.recordLogin(stuffer, "account-" + i, i % 2 == 0);
    }
    AdmissionDecision many = admission.decide(AdmissionRequest.login(stuffer, null, "a@example.com", null));
    assertThat(many.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(many.reason()).isEqualTo("risk-many-accounts");

    knob(Admission.RISK_MIN_ATTEMPTS, "4");
    String failing = freshSubnet() + "8";
    admission.recordLogin(failing, "one", true);
    for (int i = 0; i < 3; i++) {
      admission.recordLogin(failing, "one", false);
    }
    AdmissionDecision risky = admission.decide(AdmissionRequest.login(failing, null, "a@example.com", null));
    assertThat(risky.reason()).isEqualTo("risk-failed-logins");
    assertThat(risky.challenge()).isNotNull();

    String fine = freshSubnet() + "9";
    for (int i = 0; i < 4; i++) {
      admission.recordLogin(fine, "mine", true);
    }
    assertThat(admission.decide(AdmissionRequest.login(fine, null, "a@example.com", null)).isAllowed()).isTrue();
  }
}
