package com.retail.identity.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.retail.identity.command.cli.LocalAdminSeed;
import com.retail.identity.command.core.AccountContacts;
import com.retail.identity.command.core.AccountDataSeal;
import com.retail.identity.command.core.AccountMail;
import com.retail.identity.command.core.AccountMailLimit;
import com.retail.identity.command.core.AccountSms;
import com.retail.identity.command.core.AccountWrites;
import com.retail.identity.command.core.ChangePassword;
import com.retail.identity.command.core.ChangeProfile;
import com.retail.identity.command.core.ChangeRoles;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.EmailSender;
import com.retail.identity.command.core.EmailVerification;
import com.retail.identity.command.core.EraseAccount;
import com.retail.identity.command.core.ErasedEmails;
import com.retail.identity.command.core.ErasureTail;
import com.retail.identity.command.core.HashingPool;
import com.retail.identity.command.core.Idempotency;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.LoginActivity;
import com.retail.identity.command.core.LoginThrottle;
import com.retail.identity.command.core.OneTimeTokens;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.command.core.PasswordHashes;
import com.retail.identity.command.core.PhoneVerifications;
import com.retail.identity.command.core.RecentProof;
import com.retail.identity.command.core.RecordVerifiedPhone;
import com.retail.identity.command.core.RefreshTokens;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.RegistrationRules;
import com.retail.identity.command.core.RequestPasswordReset;
import com.retail.identity.command.core.ResendEmailVerification;
import com.retail.identity.command.core.ReservationReaper;
import com.retail.identity.command.core.ResetPassword;
import com.retail.identity.command.core.RoleHolders;
import com.retail.identity.command.core.ServiceTokens;
import com.retail.identity.command.core.SessionEnds;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.SpendOneTimeToken;
import com.retail.identity.command.core.VerifyEmail;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.command.mail.SesEmailSender;
import com.retail.identity.command.remote.VerificationPhoneClient;
import com.retail.identity.command.remote.VerificationSmsClient;
import com.retail.identity.command.resources.EmailVerificationsResource;
import com.retail.identity.command.resources.InternalResource;
import com.retail.identity.command.resources.JwksResource;
import com.retail.identity.command.resources.PasswordResetsResource;
import com.retail.identity.command.resources.PasswordSignIn;
import com.retail.identity.command.resources.SessionsResource;
import com.retail.identity.command.resources.UsersResource;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraErasedEmails;
import com.retail.identity.command.store.CassandraIdempotency;
import com.retail.identity.command.store.CassandraJobLease;
import com.retail.identity.command.store.CassandraLoginActivity;
import com.retail.identity.command.store.CassandraOneTimeTokens;
import com.retail.identity.command.store.CassandraRefreshTokens;
import com.retail.identity.command.store.CassandraRoleHolders;
import com.retail.identity.command.store.RedisAccountMailLimit;
import com.retail.identity.command.store.RedisAdmissionCounters;
import com.retail.identity.command.store.RedisLoginThrottle;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.EndedSessions;
import com.retail.identity.common.tokens.EndedSessionsView;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.common.tokens.TokenVerifier;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires user-command: every use case, adapter and resource is built here, once (ADR 0012). The
 * application registers what the injector gives it.
 */
final class UserCommandModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(UserCommandModule.class);
  private final UserCommandConfiguration configuration;
  private final Environment environment;
  private final ServiceClient verification;

  UserCommandModule(
      UserCommandConfiguration configuration, Environment environment, ServiceClient verification) {
    this.configuration = configuration;
    this.environment = environment;
    this.verification = verification;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(ObjectMapper.class).toInstance(environment.getObjectMapper());
    bind(RegistrationRules.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  PasswordHashes passwordHashes() {
    if (configuration.isBenchHashing()) {
      LOG.warn(
          "BENCH HASHING: passwords are hashed with a tiny Argon2id cost; never use this for real accounts");
      return new PasswordHashes(() -> PasswordHashSettings.BENCH);
    }
    return new PasswordHashes(new PasswordHashKnobs(configuration.getPasswordHashing()));
  }

  @Provides
  @Singleton
  HashingPool hashingPool() {
    return new HashingPool(configuration.hashingThreads(), configuration.getHashingQueue(), 5_000);
  }

  @Provides
  @Singleton
  CassandraEmailReservations cassandraReservations(CassandraConnector cassandra, Clock clock) {
    return CassandraEmailReservations.forRegistrations(
        cassandra, clock, configuration.getReservations().abandonedAfter());
  }

  @Provides
  @Singleton
  EmailReservations reservations(CassandraEmailReservations reservations) {
    return reservations;
  }

  @Provides
  @Singleton
  ReservationReaper reservationReaper(
      CassandraEmailReservations reservations,
      CassandraConnector cassandra,
      EventStore events,
      Credentials credentials,
      ErasureTail tail,
      Clock clock) {
    ReservationSettings settings = configuration.getReservations();
    return new ReservationReaper(
        reservations,
        new CassandraJobLease(cassandra),
        "user-command-" + java.util.UUID.randomUUID(),
        events,
        credentials,
        tail,
        clock,
        settings.abandonedAfter(),
        settings.reaperInterval(),
        settings.reaperLookback(),
        environment.metrics());
  }

  @Provides
  @Singleton
  Credentials credentials(CassandraConnector cassandra, CassandraEventStore events) {
    return new CassandraCredentials(cassandra, events);
  }

  @Provides
  @Singleton
  RefreshTokens refreshTokens(CassandraConnector cassandra, Clock clock) {
    return new CassandraRefreshTokens(
        cassandra, clock, Duration.ofDays(configuration.getRefreshTokenDays()));
  }

  @Provides
  @Singleton
  Idempotency idempotency(CassandraConnector cassandra) {
    return new CassandraIdempotency(cassandra);
  }

  @Provides
  @Singleton
  LoginActivity loginActivity(CassandraConnector cassandra) {
    return new CassandraLoginActivity(cassandra, new LogBuckets(Duration.ofMinutes(60)));
  }

  @Provides
  @Singleton
  LoginThrottle loginThrottle(RedisConnector redis, Clock clock) {
    return new RedisLoginThrottle(redis, clock);
  }

  @Provides
  @Singleton
  EmailKeys emailKeys() {
    return new EmailKeys(configuration.emailLookupSecret());
  }

  @Provides
  @Singleton
  SigningKeys signingKeys() {
    return SigningKeys.load(
        Path.of(configuration.getSigningKeyFile()), !configuration.getMode().isProduction());
  }

  @Provides
  @Singleton
  AccessTokens accessTokens(SigningKeys keys, Clock clock) {
    return new AccessTokens(keys, configuration.getTokens(), clock);
  }

  @Provides
  @Singleton
  TokenVerifier tokenVerifier(SigningKeys keys) {
    return new TokenVerifier(keys::publicSet, configuration.getTokens());
  }

  @Provides
  @Singleton
  BearerAuth bearerAuth(TokenVerifier verifier, EndedSessionsView endedSessions) {
    return new BearerAuth(verifier, endedSessions);
  }

  @Provides
  @Singleton
  ServiceTokens serviceTokens(AccessTokens tokens) {
    return new ServiceTokens(configuration.getServiceClients(), tokens);
  }

  @Provides
  @Singleton
  RegisterUser registerUser(
      RegistrationRules rules,
      EmailKeys keys,
      EmailReservations reservations,
      PasswordHashes hashes,
      HashingPool pool,
      EventStore events,
      Credentials credentials,
      PersonalDataCipher cipher,
      EmailVerification emailVerification,
      Clock clock) {
    return new RegisterUser(
        rules,
        keys,
        reservations,
        hashes,
        pool,
        events,
        credentials,
        cipher,
        emailVerification,
        clock);
  }

  @Provides
  @Singleton
  EmailVerification emailVerification(
      AccountMail mail, @Named("account-mail") Executor deliveries) {
    return new EmailVerification(mail, deliveries);
  }

  @Provides
  @Singleton
  SpendOneTimeToken spendOneTimeToken(AccountWrites accounts, OneTimeTokens tokens) {
    return new SpendOneTimeToken(accounts, tokens);
  }

  @Provides
  @Singleton
  VerifyEmail verifyEmail(AccountWrites accounts, SpendOneTimeToken spendToken, Clock clock) {
    return new VerifyEmail(accounts, spendToken, clock);
  }

  @Provides
  @Singleton
  ResendEmailVerification resendEmailVerification(
      AccountWrites accounts,
      AccountContacts contacts,
      OneTimeTokens tokens,
      AccountMailLimit mailLimit,
      EmailVerification emailVerification) {
    return new ResendEmailVerification(accounts, contacts, tokens, mailLimit, emailVerification);
  }

  @Provides
  @Singleton
  EmailVerificationsResource emailVerificationsResource(
      VerifyEmail verifyEmail, ResendEmailVerification resend) {
    return new EmailVerificationsResource(verifyEmail, resend);
  }

  @Provides
  @Singleton
  LogIn logIn(
      EmailKeys keys,
      EmailReservations reservations,
      Credentials credentials,
      PasswordHashes hashes,
      HashingPool pool,
      LoginThrottle throttle,
      ProofOfWork proofOfWork,
      LoginActivity activity,
      Clock clock) {
    return new LogIn(
        keys, reservations, credentials, hashes, pool, throttle, proofOfWork, activity, clock);
  }

  /**
   * The ALTCHA challenges of admission control and of accounts under attack: one replay guard, so a
   * solution is accepted once whichever asked for it.
   */
  @Provides
  @Singleton
  ProofOfWork proofOfWork(RedisConnector redis, Clock clock) {
    return ProofOfWork.by(
        new Challenges(configuration.getChallenge(), redis, environment.metrics(), clock));
  }

  @Provides
  @Singleton
  Sessions sessions(
      AccessTokens tokens,
      RefreshTokens refreshTokens,
      Credentials credentials,
      SessionEnds sessionEnds) {
    return new Sessions(tokens, refreshTokens, credentials, sessionEnds);
  }

  @Provides
  @Singleton
  SessionEnds sessionEnds(RefreshTokens refreshTokens, EndedSessions endedSessions) {
    return new SessionEnds(refreshTokens, endedSessions);
  }

  @Provides
  @Singleton
  AccountWrites accountWrites(Credentials credentials) {
    return new AccountWrites(credentials);
  }

  @Provides
  @Singleton
  AccountDataSeal accountDataSeal(PersonalDataCipher cipher, DataKeys dataKeys) {
    return new AccountDataSeal(cipher, dataKeys);
  }

  @Provides
  @Singleton
  ChangeProfile changeProfile(
      RegistrationRules rules,
      AccountWrites accounts,
      RecentProof recentProof,
      AccountDataSeal seal,
      Auditor auditor,
      Clock clock) {
    return new ChangeProfile(rules, accounts, recentProof, seal, auditor, clock);
  }

  @Provides
  @Singleton
  RecentProof recentProof(PasswordHashes hashes, HashingPool pool) {
    return new RecentProof(hashes, pool);
  }

  @Provides
  @Singleton
  ChangePassword changePassword(
      RegistrationRules rules,
      AccountContacts contacts,
      AccountWrites accounts,
      RecentProof recentProof,
      PasswordHashes hashes,
      HashingPool pool,
      SessionEnds sessionEnds,
      Clock clock) {
    return new ChangePassword(
        rules, contacts, accounts, recentProof, hashes, pool, sessionEnds, clock);
  }

  @Provides
  @Singleton
  ErasureTail erasureTail(
      ErasedEmails erasedEmails,
      DataKeys dataKeys,
      SessionEnds sessionEnds,
      EmailReservations reservations) {
    return new ErasureTail(erasedEmails, dataKeys, sessionEnds, reservations);
  }

  @Provides
  @Singleton
  EraseAccount eraseAccount(
      AccountWrites accounts,
      RecentProof recentProof,
      EmailReservations reservations,
      ErasureTail tail,
      Auditor auditor,
      Clock clock) {
    return new EraseAccount(accounts, recentProof, reservations, tail, auditor, clock);
  }

  @Provides
  @Singleton
  RecordVerifiedPhone recordVerifiedPhone(
      AccountWrites accounts, EventStore events, AccountDataSeal seal, Clock clock) {
    return new RecordVerifiedPhone(accounts, events, seal, clock);
  }

  @Provides
  @Singleton
  ErasedEmails erasedEmails(CassandraConnector cassandra) {
    return new CassandraErasedEmails(cassandra);
  }

  @Provides
  @Singleton
  AdmissionGate admission(RedisConnector redis, ProofOfWork proofOfWork, Clock clock) {
    if (!configuration.isAdmissionControl()) {
      LOG.warn(
          "Admission control is OFF (admissionControl: false): no rate limits, no proof of work"
              + " (accounts under attack still ask for one)");
      return AdmissionGate.open();
    }
    return new AdmissionControl(
        new AdmissionKnobs(),
        new RedisAdmissionCounters(redis),
        proofOfWork,
        environment.metrics(),
        clock);
  }

  @Provides
  @Singleton
  TrustedProxies trustedProxies() {
    return TrustedProxies.of(configuration.getTrustedProxies());
  }

  @Provides
  @Singleton
  UsersResource usersResource(
      RegisterUser registerUser,
      ChangeProfile changeProfile,
      ChangePassword changePassword,
      EraseAccount eraseAccount,
      Idempotency idempotency,
      EmailKeys keys,
      AdmissionGate admission,
      TrustedProxies proxies) {
    return new UsersResource(
        registerUser,
        changeProfile,
        changePassword,
        eraseAccount,
        idempotency,
        keys,
        admission,
        proxies,
        environment.getObjectMapper());
  }

  @Provides
  @Singleton
  PasswordSignIn passwordSignIn(LogIn logIn, AdmissionGate admission, EmailKeys keys) {
    return new PasswordSignIn(logIn, admission, keys);
  }

  @Provides
  @Singleton
  SessionsResource sessionsResource(
      PasswordSignIn signIn, Sessions sessions, TrustedProxies proxies) {
    return new SessionsResource(signIn, sessions, proxies);
  }

  @Provides
  @Singleton
  EmailSender emailSender(Clock clock) {
    if (configuration.getEmail().getSender() == EmailSettings.Sender.OUTBOX) {
      return new OutboxEmailSender(clock);
    }
    SesEmailSender ses =
        new SesEmailSender(configuration.getEmail(), configuration.getMode().isProduction());
    environment.lifecycle().manage(ses);
    return ses;
  }

  @Provides
  @Singleton
  AccountMail accountMail(EmailSender sender) {
    return new AccountMail(
        configuration.getEmail().templates(configuration.getTokens().getIssuer()),
        sender,
        AccountMail.Sleeper.REAL);
  }

  /** Account emails leave from here, off the request threads; a full queue refuses (503). */
  @Provides
  @Singleton
  @Named("account-mail")
  Executor accountMailDeliveries() {
    EmailSettings email = configuration.getEmail();
    return environment
        .lifecycle()
        .executorService("account-mail-%d")
        .minThreads(email.getDeliveryThreads())
        .maxThreads(email.getDeliveryThreads())
        .workQueue(new ArrayBlockingQueue<>(email.getDeliveryQueue()))
        .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy())
        .build();
  }

  @Provides
  @Singleton
  OneTimeTokens oneTimeTokens(CassandraConnector cassandra) {
    return new CassandraOneTimeTokens(cassandra);
  }

  @Provides
  @Singleton
  AccountMailLimit accountMailLimit(RedisConnector redis) {
    return new RedisAccountMailLimit(redis);
  }

  @Provides
  @Singleton
  AccountContacts accountContacts(EventStore events, PersonalDataCipher cipher) {
    return new AccountContacts(events, cipher);
  }

  @Provides
  @Singleton
  RequestPasswordReset requestPasswordReset(
      RegistrationRules rules,
      EmailKeys emailKeys,
      EmailReservations reservations,
      Credentials credentials,
      OneTimeTokens tokens,
      AccountContacts contacts,
      AccountMailLimit mailLimit,
      AccountMail mail,
      AccountSms sms,
      @Named("account-mail") Executor deliveries) {
    return new RequestPasswordReset(
        rules,
        emailKeys,
        reservations,
        credentials,
        tokens,
        contacts,
        mailLimit,
        mail,
        sms,
        deliveries);
  }

  @Provides
  @Singleton
  AccountSms accountSms(ServiceTokens serviceTokens) {
    return new VerificationSmsClient(verification, serviceTokens::issueOwn);
  }

  /** The customer's own one-minute token: verification applies that customer's limits. */
  @Provides
  @Singleton
  PhoneVerifications phoneVerifications(AccessTokens tokens) {
    return new VerificationPhoneClient(
        verification, userId -> tokens.issue(userId, Set.of(Principal.USER), null, 60));
  }

  @Provides
  @Singleton
  VerifyPhoneWhileSigningIn verifyPhoneWhileSigningIn(
      AccountContacts contacts, PhoneVerifications verifications) {
    return new VerifyPhoneWhileSigningIn(contacts, verifications);
  }

  @Provides
  @Singleton
  ResetPassword resetPassword(
      RegistrationRules rules,
      AccountContacts contacts,
      AccountWrites accounts,
      SpendOneTimeToken spendToken,
      PasswordHashes hashes,
      HashingPool pool,
      SessionEnds sessionEnds,
      LoginThrottle throttle,
      Clock clock) {
    return new ResetPassword(
        rules, contacts, accounts, spendToken, hashes, pool, sessionEnds, throttle, clock);
  }

  @Provides
  @Singleton
  PasswordResetsResource passwordResetsResource(
      RequestPasswordReset requestReset,
      ResetPassword resetPassword,
      AdmissionGate admission,
      TrustedProxies proxies) {
    return new PasswordResetsResource(requestReset, resetPassword, admission, proxies);
  }

  @Provides
  @Singleton
  InternalResource internalResource(
      ServiceTokens serviceTokens, RecordVerifiedPhone recordVerifiedPhone) {
    return new InternalResource(serviceTokens, recordVerifiedPhone);
  }

  @Provides
  @Singleton
  JwksResource jwksResource(SigningKeys keys) {
    return new JwksResource(keys);
  }

  @Provides
  @Singleton
  LocalAdminSeed localAdminSeed(RegisterUser registerUser, ChangeRoles changeRoles) {
    return new LocalAdminSeed(registerUser, changeRoles);
  }

  @Provides
  @Singleton
  RoleHolders roleHolders(CassandraConnector cassandra) {
    return new CassandraRoleHolders(cassandra);
  }

  @Provides
  @Singleton
  ChangeRoles changeRoles(
      EmailKeys keys,
      EmailReservations reservations,
      AccountWrites accounts,
      RoleHolders holders,
      SessionEnds sessionEnds,
      AccountContacts contacts,
      Auditor auditor,
      Clock clock) {
    return new ChangeRoles(
        keys, reservations, accounts, holders, sessionEnds, contacts, auditor, clock);
  }
}
