package com.retail.identity.verification.core;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.domain.NotFound;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an account message (today: a password reset link) by SMS for another platform service. Only
 * to the phone this service verified for that account, and only within the same country budget and
 * global brake as codes: a service that asks cannot text an arbitrary number, nor spend more than
 * every SMS together may. The number and the message never reach a log line.
 *
 * <p>Metrics: {@code verification.sms.account.sent}, {@code
 * verification.sms.account.refused.<reason>}, {@code verification.sms.account.failed}.
 */
public final class SendAccountSms {
  private static final Logger LOG = LoggerFactory.getLogger(SendAccountSms.class);

  /** What an account message says. */
  public enum Kind {
    PASSWORD_RESET
  }

  /**
   * @param secret the one-time secret the message carries (a reset token)
   * @param minutes how long the secret is valid
   * @param language the account's locale, or null
   */
  public record Command(
      UUID userId, String phone, Kind kind, String secret, long minutes, String language) {
    public Command {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
      return "SendAccountSms.Command[userId=" + userId + ", kind=" + kind + "]";
    }
  }

  private final PhonePolicy policy;
  private final PhoneKeys keys;
  private final PhoneRecords records;
  private final VerificationStore store;
  private final SmsSender sender;
  private final SmsTemplates templates;
  private final Supplier<SmsBudgetSettings> budgets;
  private final MetricRegistry metrics;
  private final Clock clock;

  public SendAccountSms(
      PhonePolicy policy,
      PhoneKeys keys,
      PhoneRecords records,
      VerificationStore store,
      SmsSender sender,
      SmsTemplates templates,
      Supplier<SmsBudgetSettings> budgets,
      MetricRegistry metrics,
      Clock clock) {
    this.policy = policy;
    this.keys = keys;
    this.records = records;
    this.store = store;
    this.sender = sender;
    this.templates = templates;
    this.budgets = budgets;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @throws NotFound when the phone is not the account's verified phone
   * @throws VerificationProblems.SmsPaused when the country budget or the brake stops it
   * @throws VerificationProblems.SmsFailed when SNS did not take the message
   */
  public void send(Command command) {
    Phone phone = policy.parse(command.phone());
    String phoneHash = keys.phoneHash(phone.e164());
    boolean verified =
        records
            .verifiedPhone(command.userId())
            .filter(record -> record.phoneHash().equals(phoneHash))
            .isPresent();
    if (!verified) {
      metrics.counter("verification.sms.account.refused.not-verified").inc();
      throw new NotFound("The account has no such verified phone.");
    }
    SmsBudgetSettings budget = budgets.get();
    VerificationStore.BudgetResult spent;
    try {
      spent =
          store.spendBudget(
              new VerificationStore.BudgetCommand(
                  phone.region(),
                  clock.millis(),
                  VerificationStore.Budget.of(budget.country(phone.region())),
                  VerificationStore.Budget.of(budget.brake()),
                  budget.brakeEngaged()));
    } catch (VerificationStore.StoreUnavailable e) {
      metrics.counter("verification.sms.account.refused.store-unavailable").inc();
      throw VerificationProblems.unavailable();
    }
    if (spent.status() != VerificationStore.StartStatus.SENT) {
      String reason = spent.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
      metrics.counter("verification.sms.account.refused." + reason).inc();
      throw VerificationProblems.smsPaused(spent.waitMillis());
    }
    String text =
        templates.renderReset(command.language(), command.secret(), Math.max(1, command.minutes()));
    try {
      sender.send(phone.e164(), text);
    } catch (RuntimeException e) {
      metrics.counter("verification.sms.account.failed").inc();
      LOG.warn(
          "{} SMS for account {} not sent: {}", command.kind(), command.userId(), e.toString());
      throw VerificationProblems.smsFailed();
    }
    metrics.counter("verification.sms.account.sent").inc();
    LOG.info(
        "{} SMS sent for account {} to a {} number",
        command.kind(),
        command.userId(),
        phone.region());
  }
}
