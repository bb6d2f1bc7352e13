package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.http.ConcurrencySettings;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.RedisSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public class UserCommandConfiguration extends PlatformConfiguration {
  /** The secret shipped in config/local.yml; production must never run with it. */
  static final String LOCAL_EMAIL_SECRET = "bG9jYWwtb25seS1lbWFpbC1sb29rdXAta2V5LTAwMDAwMDAwMDA=";

  @JsonProperty @Valid @NotNull private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull private RedisSettings redis = new RedisSettings();

  /** JWK set file of the ES256 signing keys; local mode creates it when missing. */
  @JsonProperty @NotEmpty private String signingKeyFile;

  /** Base64 secret (32+ bytes) keying email lookup hashes. */
  @JsonProperty @NotEmpty private String emailLookupSecret;

  /**
   * Platform services allowed to get service tokens: client id -> secret (from the instance's
   * secrets in production).
   */
  @JsonProperty @NotNull private Map<String, String> serviceClients = Map.of();

  @JsonProperty
  @Min(1)
  @Max(365)
  private int refreshTokenDays = 30;

  /** Threads hashing passwords; 0 = one per core. */
  @JsonProperty
  @Min(0)
  @Max(256)
  private int hashingThreads = 0;

  /** Hashes waiting for a thread before new ones get 503 at once. */
  @JsonProperty
  @Min(1)
  @Max(100_000)
  private int hashingQueue = 64;

  /**
   * Argon2id cost of new hashes where an environment needs other than the defaults; the {@code
   * identity.password.argon2.*} knobs override it at runtime.
   */
  @JsonProperty @Valid @NotNull
  private PasswordHashSettings passwordHashing = PasswordHashSettings.DEFAULTS;

  public PasswordHashSettings getPasswordHashing() {
    return passwordHashing;
  }

  /**
   * Benchmarks only: hash with a tiny Argon2id cost so the capacity of everything but the hash can
   * be measured. Refused outside local mode.
   */
  @JsonProperty private boolean benchHashing = false;

  public boolean isBenchHashing() {
    return benchHashing;
  }

  /**
   * Rate limits, disposable-domain refusal and proof of work on registration and login. Always on
   * in production (operators use the {@code identity.admission.enabled} knob); off only in tests of
   * other behaviour.
   */
  @JsonProperty private boolean admissionControl = true;

  public boolean isAdmissionControl() {
    return admissionControl;
  }

  /**
   * Verifies proof-of-work solutions: the same key as verification's, which issues the challenges.
   */
  @JsonProperty @Valid @NotNull private ChallengeSettings challenge = new ChallengeSettings();

  public ChallengeSettings getChallenge() {
    return challenge;
  }

  /**
   * API requests doing work at once; the excess gets a fast 503 + Retry-After (ADR 0701 item 4).
   */
  @JsonProperty @Valid @NotNull private ConcurrencySettings concurrency = new ConcurrencySettings();

  public ConcurrencySettings getConcurrency() {
    return concurrency;
  }

  /**
   * Abandoned email reservations: when they count as abandoned, and the reaper that removes them.
   */
  @JsonProperty @Valid @NotNull
  private ReservationSettings reservations = new ReservationSettings();

  public ReservationSettings getReservations() {
    return reservations;
  }

  /** The apps that sign customers in through OpenID Connect. */
  @JsonProperty @Valid @NotNull private OidcSettings oidc = new OidcSettings();

  public OidcSettings getOidc() {
    return oidc;
  }

  /** Proxies (load balancers, as addresses or CIDRs) whose X-Forwarded-For is believed. */
  @JsonProperty @NotNull private List<String> trustedProxies = List.of();

  /** Account emails: sender, delivery queue and templates. */
  @JsonProperty @Valid @NotNull private EmailSettings email = new EmailSettings();

  public EmailSettings getEmail() {
    return email;
  }

  /**
   * The Eureka VIP of the verification service, which sends the SMS copy of a password reset
   * (Ribbon client {@code verification}).
   */
  @JsonProperty @NotEmpty private String verificationVip = "verification";

  public String getVerificationVip() {
    return verificationVip;
  }

  public Map<String, String> getServiceClients() {
    return serviceClients;
  }

  public int getRefreshTokenDays() {
    return refreshTokenDays;
  }

  public int hashingThreads() {
    return hashingThreads > 0 ? hashingThreads : Runtime.getRuntime().availableProcessors();
  }

  public int getHashingQueue() {
    return hashingQueue;
  }

  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public RedisSettings getRedis() {
    return redis;
  }

  public String getSigningKeyFile() {
    return signingKeyFile;
  }

  public byte[] emailLookupSecret() {
    return Base64.getDecoder().decode(emailLookupSecret);
  }

  @Override
  public List<String> crossFieldProblems() {
    List<String> problems = super.crossFieldProblems();
    if (!admissionControl && getMode().isProduction()) {
      problems.add(
          "admissionControl cannot be off in production; use the identity.admission.enabled knob");
    }
    if (passwordHashing.memoryKib() < 8 * passwordHashing.parallelism()) {
      problems.add("passwordHashing.memoryKib must be at least 8 KiB per lane (parallelism)");
    }
    if (email.getSender() == EmailSettings.Sender.OUTBOX && !getMode().isLocal()) {
      problems.add(
          "email.sender OUTBOX is for mode LOCAL only; mode "
              + getMode()
              + " must send through SES");
    }
    problems.addAll(email.problems());
    if (benchHashing && !getMode().isLocal()) {
      problems.add("benchHashing is for benchmarks in local mode only; mode is " + getMode());
    }
    if (emailLookupSecret != null) {
      try {
        if (emailLookupSecret().length < 32) {
          problems.add("emailLookupSecret must decode to at least 32 bytes");
        }
      } catch (IllegalArgumentException e) {
        problems.add("emailLookupSecret is not base64");
      }
      if (getMode().isProduction() && ChallengeSettings.LOCAL_KEY.equals(challenge.getHmacKey())) {
        problems.add(
            "challenge.hmacKey is the local development key; mode PRODUCTION needs its own");
      }
      if (getMode().isProduction() && LOCAL_EMAIL_SECRET.equals(emailLookupSecret)) {
        problems.add(
            "emailLookupSecret is the local development secret; mode "
                + getMode()
                + " needs its own");
      }
    }
    return problems;
  }

  @Override
  protected boolean servesInternalApi() {
    return true;
  }
}
