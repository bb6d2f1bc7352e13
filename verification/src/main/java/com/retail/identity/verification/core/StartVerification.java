package com.retail.identity.verification.core;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.verification.config.CodeSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a one-time code to a phone: the number must be mobile-capable; the cooldown, the daily caps
 * per phone and per user, the country budget and the global brake must allow it; only the keyed
 * hash of the code is stored. The code and the number never reach a log line.
 *
 * <p>Metrics: {@code verification.sms.sent}, {@code verification.sms.sent.<region>}, {@code
 * verification.sms.refused.<reason>}, {@code verification.sms.failed}.
 */
public final class StartVerification {
  private static final Logger LOG = LoggerFactory.getLogger(StartVerification.class);

  private final PhonePolicy policy;
  private final PhoneKeys keys;
  private final OtpCodes codes;
  private final VerificationStore store;
  private final SmsSender sender;
  private final SmsTemplates templates;
  private final Supplier<SmsBudgetSettings> budgets;
  private final CodeSettings rules;
  private final MetricRegistry metrics;
  private final Clock clock;

  public StartVerification(
      PhonePolicy policy,
      PhoneKeys keys,
      OtpCodes codes,
      VerificationStore store,
      SmsSender sender,
      SmsTemplates templates,
      Supplier<SmsBudgetSettings> budgets,
      CodeSettings rules,
      MetricRegistry metrics,
      Clock clock) {
    this.policy = policy;
    this.keys = keys;
    this.codes = codes;
    this.store = store;
    this.sender = sender;
    this.templates = templates;
    this.budgets = budgets;
    this.rules = rules;
    this.metrics = metrics;
    this.clock = clock;
  }

  public record Started(String verificationId, Instant expiresAt) {}

  public Started start(UUID userId, String phoneInput, String language) {
    Phone phone;
    try {
      phone = policy.parse(phoneInput);
    } catch (RuntimeException e) {
      metrics.counter("verification.sms.refused.phone-type").inc();
      throw e;
    }
    String phoneHash = keys.phoneHash(phone.e164());
    String code = codes.next();
    long now = clock.millis();
    LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    long toDayEnd = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now;
    SmsBudgetSettings budget = budgets.get();
    VerificationStore.StartResult result;
    try {
      result =
          store.start(
              new VerificationStore.StartCommand(
                  userId,
                  phoneHash,
                  keys.seal(userId, phone.e164()),
                  phone.region(),
                  UUID.randomUUID().toString(),
                  keys.codeHash(userId, phoneHash, code),
                  now,
                  rules.ttl().toMillis(),
                  rules.resendCooldown().toMillis(),
                  rules.attemptWindow().toMillis(),
                  rules.getMaxAttempts(),
                  rules.getDailyPerPhone(),
                  rules.getDailyPerUser(),
                  today.toString(),
                  toDayEnd,
                  VerificationStore.Budget.of(budget.country(phone.region())),
                  VerificationStore.Budget.of(budget.brake()),
                  budget.brakeEngaged()));
    } catch (VerificationStore.StoreUnavailable e) {
      metrics.counter("verification.sms.refused.store-unavailable").inc();
      throw VerificationProblems.unavailable();
    }
    if (result.status() != VerificationStore.StartStatus.SENT) {
      String reason = result.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
      metrics.counter("verification.sms.refused." + reason).inc();
      if (result.status() == VerificationStore.StartStatus.BRAKE) {
        LOG.warn("SMS brake engaged: a code for a {} number was not sent", phone.region());
      }
      throw switch (result.status()) {
        case COOLDOWN -> VerificationProblems.resendTooSoon(result.value());
        case LOCKED -> VerificationProblems.tooManyAttempts(result.value());
        case CAP_PHONE ->
            VerificationProblems.dailyLimit(
                VerificationProblems.DailyLimit.Of.PHONE, result.value());
        case CAP_USER ->
            VerificationProblems.dailyLimit(
                VerificationProblems.DailyLimit.Of.USER, result.value());
        case COUNTRY_BUDGET, BRAKE -> VerificationProblems.smsPaused(result.value());
        case SENT -> new IllegalStateException();
      };
    }
    String text = templates.render(language, code, Math.max(1, rules.ttl().toMinutes()));
    try {
      sender.send(phone.e164(), text);
    } catch (RuntimeException e) {
      metrics.counter("verification.sms.failed").inc();
      LOG.warn("SMS for verification {} not sent: {}", result.verificationId(), e.toString());
      try {
        store.unsend(result.verificationId(), phoneHash);
      } catch (VerificationStore.StoreUnavailable ignored) {
        // the cooldown then simply runs out
      }
      throw VerificationProblems.smsFailed();
    }
    metrics.counter("verification.sms.sent").inc();
    metrics.counter("verification.sms.sent." + phone.region()).inc();
    LOG.info(
        "Code sent for verification {} to a {} {} number",
        result.verificationId(),
        phone.region(),
        phone.type().toLowerCase(Locale.ROOT));
    return new Started(result.verificationId(), Instant.ofEpochMilli(result.value()));
  }
}
