package com.retail.identity.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.verification.config.CodeSettings;
import com.retail.identity.verification.config.ServiceClientSettings;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.EligibilitySettings;
import com.retail.identity.verification.core.SmsBudgetSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public class VerificationConfiguration extends PlatformConfiguration {
  /** The local-only phone key of config/local.yml; refused in production. */
  public static final String LOCAL_PHONE_SECRET =
      "bG9jYWwtb25seS1waG9uZS1oYXNoLXNlY3JldC0wMDAwMDA=";

  @JsonProperty @Valid @NotNull private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull private RedisSettings redis = new RedisSettings();

  /** Eureka VIP address of user-command: token keys, service tokens, recording verified phones. */
  @JsonProperty @NotEmpty private String userCommandVip = "user-command";

  @JsonProperty @Valid @NotNull
  private ServiceClientSettings serviceClient = new ServiceClientSettings();

  /**
   * Base64, 32+ bytes: keys the phone-number hashes (Redis, Cassandra), the code hashes and the
   * sealing of the number inside a pending verification. Phone numbers are never stored in plain.
   */
  @JsonProperty @NotEmpty private String phoneSecret = LOCAL_PHONE_SECRET;

  @JsonProperty @Valid @NotNull private ChallengeSettings challenge = new ChallengeSettings();

  @JsonProperty @Valid @NotNull private CodeSettings codes = new CodeSettings();

  @JsonProperty @Valid @NotNull private SmsSettings sms = new SmsSettings();

  /**
   * Launch-eligibility rules where an environment needs other than the defaults; knobs override
   * them at runtime.
   */
  @JsonProperty @Valid @NotNull
  private EligibilitySettings eligibility = EligibilitySettings.DEFAULTS;

  /**
   * SMS send budgets where an environment needs other than the defaults; knobs override them at
   * runtime.
   */
  @JsonProperty @Valid @NotNull private SmsBudgetSettings smsBudgets = SmsBudgetSettings.DEFAULTS;

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public RedisSettings getRedis() {
    return redis;
  }

  public String getUserCommandVip() {
    return userCommandVip;
  }

  public ServiceClientSettings getServiceClient() {
    return serviceClient;
  }

  public byte[] phoneSecret() {
    return Base64.getDecoder().decode(phoneSecret);
  }

  public ChallengeSettings getChallenge() {
    return challenge;
  }

  public CodeSettings getCodes() {
    return codes;
  }

  public SmsSettings getSms() {
    return sms;
  }

  public EligibilitySettings getEligibility() {
    return eligibility;
  }

  public SmsBudgetSettings getSmsBudgets() {
    return smsBudgets;
  }

  @Override
  public List<String> crossFieldProblems() {
    List<String> problems = super.crossFieldProblems();
    try {
      if (Base64.getDecoder().decode(phoneSecret).length < 32) {
        problems.add("phoneSecret must decode to at least 32 bytes");
      }
    } catch (IllegalArgumentException e) {
      problems.add("phoneSecret is not base64");
    }
    if (sms.getSender() == SmsSettings.Sender.OUTBOX && !getMode().isLocal()) {
      problems.add(
          "sms.sender OUTBOX is for mode LOCAL only; mode " + getMode() + " must send through SNS");
    }
    if (!sms.getTemplates().containsKey("en")) {
      problems.add("sms.templates must have an en template (the fallback)");
    }
    for (Map.Entry<String, String> template : sms.getTemplates().entrySet()) {
      if (template.getValue() == null || !template.getValue().contains("{code}")) {
        problems.add("sms.templates." + template.getKey() + " must contain {code}");
      }
    }
    if (!sms.getResetTemplates().containsKey("en")) {
      problems.add("sms.resetTemplates must have an en template (the fallback)");
    }
    for (Map.Entry<String, String> template : sms.getResetTemplates().entrySet()) {
      if (template.getValue() == null || !template.getValue().contains("{token}")) {
        problems.add("sms.resetTemplates." + template.getKey() + " must contain {token}");
      }
    }
    if (codes.resendCooldown().compareTo(codes.ttl()) > 0) {
      problems.add("codes.resendCooldown must not be longer than codes.ttl");
    }
    if (codes.attemptWindow().compareTo(codes.ttl()) < 0) {
      problems.add("codes.attemptWindow must not be shorter than codes.ttl");
    }
    if (getMode().isProduction()) {
      if (LOCAL_PHONE_SECRET.equals(phoneSecret)) {
        problems.add("phoneSecret is the local development key; mode PRODUCTION needs its own");
      }
      if (ChallengeSettings.LOCAL_KEY.equals(challenge.getHmacKey())) {
        problems.add(
            "challenge.hmacKey is the local development key; mode PRODUCTION needs its own");
      }
      if (ServiceClientSettings.LOCAL_SECRET.equals(serviceClient.getSecret())) {
        problems.add(
            "serviceClient.secret is the local development secret; mode PRODUCTION needs its own");
      }
    }
    return problems;
  }

  @Override
  protected boolean servesInternalApi() {
    return true;
  }
}
