package com.retail.identity.verification;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.EndedSessionsView;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.AccountFacts;
import com.retail.identity.verification.core.CheckEligibility;
import com.retail.identity.verification.core.ConfirmVerification;
import com.retail.identity.verification.core.FlagAccounts;
import com.retail.identity.verification.core.Launches;
import com.retail.identity.verification.core.OtpCodes;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.core.PhonePolicy;
import com.retail.identity.verification.core.PhoneRecords;
import com.retail.identity.verification.core.SendAccountSms;
import com.retail.identity.verification.core.SmsBudgetSettings;
import com.retail.identity.verification.core.SmsSender;
import com.retail.identity.verification.core.SmsTemplates;
import com.retail.identity.verification.core.StartVerification;
import com.retail.identity.verification.core.UserCommand;
import com.retail.identity.verification.core.VerificationStore;
import com.retail.identity.verification.remote.UserCommandClient;
import com.retail.identity.verification.resources.AccountSmsResource;
import com.retail.identity.verification.resources.ChallengesResource;
import com.retail.identity.verification.resources.EligibilityResource;
import com.retail.identity.verification.resources.FlagsResource;
import com.retail.identity.verification.resources.VerificationsResource;
import com.retail.identity.verification.sms.OutboxSmsSender;
import com.retail.identity.verification.sms.SnsSmsSender;
import com.retail.identity.verification.store.CassandraPhoneRecords;
import com.retail.identity.verification.store.RedisLaunches;
import com.retail.identity.verification.store.RedisVerificationStore;
import com.retail.identity.verification.store.StreamAccountFacts;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Wires verification: every use case, adapter and resource is built here, once (ADR 0012). The
 * application registers what the injector gives it.
 */
final class VerificationModule extends AbstractModule {
  private final VerificationConfiguration configuration;
  private final Environment environment;
  private final ServiceClient userCommand;

  VerificationModule(
      VerificationConfiguration configuration, Environment environment, ServiceClient userCommand) {
    this.configuration = configuration;
    this.environment = environment;
    this.userCommand = userCommand;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(MetricRegistry.class).toInstance(environment.metrics());
  }

  @Provides
  @Singleton
  BearerAuth bearerAuth(EndedSessionsView endedSessions) {
    return BearerAuth.withKeysOf(userCommand, configuration.getTokens(), endedSessions);
  }

  @Provides
  @Singleton
  PhoneKeys phoneKeys() {
    return new PhoneKeys(configuration.phoneSecret());
  }

  @Provides
  @Singleton
  VerificationStore verificationStore(RedisConnector redis) {
    return new RedisVerificationStore(redis);
  }

  @Provides
  @Singleton
  PhoneRecords phoneRecords(CassandraConnector cassandra) {
    return new CassandraPhoneRecords(cassandra);
  }

  @Provides
  @Singleton
  AccountFacts accountFacts(EventStore events, Clock clock) {
    return new StreamAccountFacts(events, clock);
  }

  @Provides
  @Singleton
  Launches launches(RedisConnector redis) {
    return new RedisLaunches(redis);
  }

  @Provides
  @Singleton
  UserCommand userCommandClient(Clock clock) {
    return new UserCommandClient(userCommand, configuration.getServiceClient(), clock);
  }

  @Provides
  @Singleton
  SmsSender smsSender(Clock clock) {
    if (configuration.getSms().getSender() == SmsSettings.Sender.OUTBOX) {
      return new OutboxSmsSender(clock);
    }
    SnsSmsSender sns =
        new SnsSmsSender(configuration.getSms().getSns(), configuration.getMode().isProduction());
    environment.lifecycle().manage(sns);
    return sns;
  }

  @Provides
  @Singleton
  Challenges challenges(RedisConnector redis, MetricRegistry metrics, Clock clock) {
    return new Challenges(configuration.getChallenge(), redis, metrics, clock);
  }

  @Provides
  @Singleton
  StartVerification startVerification(
      PhoneKeys keys,
      VerificationStore store,
      SmsSender sender,
      SmsTemplates templates,
      Supplier<SmsBudgetSettings> budgets,
      MetricRegistry metrics,
      Clock clock) {
    return new StartVerification(
        new PhonePolicy(),
        keys,
        new OtpCodes(),
        store,
        sender,
        templates,
        budgets,
        configuration.getCodes(),
        metrics,
        clock);
  }

  @Provides
  @Singleton
  SmsTemplates smsTemplates() {
    return new SmsTemplates(
        configuration.getSms().getTemplates(), configuration.getSms().getResetTemplates());
  }

  @Provides
  @Singleton
  Supplier<SmsBudgetSettings> smsBudgets() {
    return new SmsBudgetKnobs(configuration.getSmsBudgets());
  }

  @Provides
  @Singleton
  SendAccountSms sendAccountSms(
      PhoneKeys keys,
      PhoneRecords records,
      VerificationStore store,
      SmsSender sender,
      SmsTemplates templates,
      Supplier<SmsBudgetSettings> budgets,
      MetricRegistry metrics,
      Clock clock) {
    return new SendAccountSms(
        new PhonePolicy(), keys, records, store, sender, templates, budgets, metrics, clock);
  }

  @Provides
  @Singleton
  AccountSmsResource accountSmsResource(SendAccountSms sms) {
    return new AccountSmsResource(sms);
  }

  @Provides
  @Singleton
  ConfirmVerification confirmVerification(
      PhoneKeys keys,
      VerificationStore store,
      UserCommand userCommand,
      PhoneRecords records,
      MetricRegistry metrics,
      Clock clock) {
    return new ConfirmVerification(
        keys, store, userCommand, records, configuration.getCodes(), metrics, clock);
  }

  @Provides
  @Singleton
  CheckEligibility checkEligibility(
      Launches launches,
      AccountFacts accounts,
      PhoneRecords records,
      MetricRegistry metrics,
      Clock clock) {
    return new CheckEligibility(
        launches,
        accounts,
        records,
        new EligibilityKnobs(configuration.getEligibility()),
        metrics,
        clock);
  }

  @Provides
  @Singleton
  VerificationsResource verificationsResource(
      StartVerification start, ConfirmVerification confirm) {
    return new VerificationsResource(start, confirm);
  }

  @Provides
  @Singleton
  ChallengesResource challengesResource(Challenges challenges) {
    return new ChallengesResource(challenges);
  }

  @Provides
  @Singleton
  EligibilityResource eligibilityResource(CheckEligibility eligibility, Auditor auditor) {
    return new EligibilityResource(eligibility, auditor);
  }

  @Provides
  @Singleton
  FlagsResource flagsResource(PhoneRecords records, Auditor auditor, Clock clock) {
    return new FlagsResource(new FlagAccounts(records, auditor, clock));
  }
}
