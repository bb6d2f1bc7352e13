package com.retail.identity.command.core.fakes;

import com.codahale.metrics.MetricRegistry;
import com.nimbusds.jose.jwk.JWKSet;
import com.retail.identity.command.EmailSettings;
import com.retail.identity.command.core.AccountContacts;
import com.retail.identity.command.core.AccountDataSeal;
import com.retail.identity.command.core.AccountMail;
import com.retail.identity.command.core.AccountWrites;
import com.retail.identity.command.core.AuthorizationCodes;
import com.retail.identity.command.core.ChangePassword;
import com.retail.identity.command.core.ChangeProfile;
import com.retail.identity.command.core.ChangeRoles;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailSender;
import com.retail.identity.command.core.EmailTemplates;
import com.retail.identity.command.core.EmailVerification;
import com.retail.identity.command.core.EraseAccount;
import com.retail.identity.command.core.ErasureTail;
import com.retail.identity.command.core.HashingPool;
import com.retail.identity.command.core.IdTokens;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.command.core.PasswordHashes;
import com.retail.identity.command.core.PendingSignIns;
import com.retail.identity.command.core.Proof;
import com.retail.identity.command.core.RecentProof;
import com.retail.identity.command.core.RecordVerifiedPhone;
import com.retail.identity.command.core.RedeemAuthorizationCode;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.RegistrationRules;
import com.retail.identity.command.core.RequestPasswordReset;
import com.retail.identity.command.core.ResendEmailVerification;
import com.retail.identity.command.core.ReservationReaper;
import com.retail.identity.command.core.ResetPassword;
import com.retail.identity.command.core.SessionEnds;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.SpendOneTimeToken;
import com.retail.identity.command.core.VerifyEmail;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.testing.MemoryAuditTrail;
import com.retail.identity.common.testing.MemoryDataKeys;
import com.retail.identity.common.testing.MemoryEndedSessions;
import com.retail.identity.common.testing.MemoryEventStore;
import com.retail.identity.common.testing.TestClock;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.SignedJwts;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.common.tokens.TokenSettings;
import com.retail.identity.common.tokens.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The write side's use cases on in-memory ports sharing one test clock, with the real domain
 * services: the field rules, Argon2id at a tiny cost on a real hashing pool, sealing with per-user
 * keys, signed access tokens. One per test; {@link #close} stops the pool and disarms the crash
 * points.
 */
public final class InMemoryCore implements AutoCloseable {
  /** A password the strength rule accepts. */
  public static final String PASSWORD = "violet-Harbor-93-lantern!";

  /** The owner's proof for a dangerous act: the password every account here registers with. */
  public static final Proof OWNER = new Proof.CurrentPassword(PASSWORD);

  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
  public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

  public final TestClock clock = new TestClock(Instant.parse("2027-03-01T09:00:00Z"));
  public final MemoryEventStore events = new MemoryEventStore(clock);
  public final MemoryCredentials credentials = new MemoryCredentials(events, clock);
  public final MemoryEmailReservations reservations =
      new MemoryEmailReservations(clock, ABANDONED_AFTER);
  public final MemoryErasedEmails erasedEmails = new MemoryErasedEmails();
  public final MemoryRefreshTokens refreshTokens = new MemoryRefreshTokens(clock, REFRESH_LIFETIME);
  public final MemoryEndedSessions endedSessions = new MemoryEndedSessions(clock);
  public final SessionEnds sessionEnds = new SessionEnds(refreshTokens, endedSessions);
  public final MemoryLoginThrottle throttle = new MemoryLoginThrottle(clock);
  public final FakeProofOfWork proofOfWork = new FakeProofOfWork();
  public final MemoryLoginActivity loginActivity = new MemoryLoginActivity();
  public final MemoryJobLease lease = new MemoryJobLease(clock);
  public final MemoryDataKeys dataKeys = new MemoryDataKeys();
  public final PersonalDataCipher cipher = new PersonalDataCipher(dataKeys);
  public final EmailKeys emailKeys =
      new EmailKeys("a lookup secret of at least 32 bytes".getBytes(StandardCharsets.UTF_8));
  public final RegistrationRules rules = new RegistrationRules();
  public final PasswordHashes hashes = new PasswordHashes(() -> PasswordHashSettings.BENCH);
  public final HashingPool pool = new HashingPool(2, 16, 30_000);
  private final SigningKeys signingKeys = SigningKeys.of(new JWKSet(SigningKeys.generate()));
  private final TokenSettings tokenSettings = new TokenSettings();
  private final AccountWrites accounts = new AccountWrites(credentials);
  private final RecentProof recentProof = new RecentProof(hashes, pool);
  public final MemoryAuditTrail audit = new MemoryAuditTrail();
  public final MemoryRoleHolders roleHolders = new MemoryRoleHolders();
  private final Auditor auditor = new Auditor(audit, clock, "user-command");
  private final AccountDataSeal seal = new AccountDataSeal(cipher, dataKeys);
  private final AccountContacts contacts = new AccountContacts(events, cipher);
  public final OutboxEmailSender outbox = new OutboxEmailSender(clock);
  public final MemoryAccountMailLimit mailLimit = new MemoryAccountMailLimit();
  public final RecordingAccountSms sms = new RecordingAccountSms();

  /** The configured default templates, as in production. */
  public final EmailTemplates templates = new EmailSettings().templates(ISSUER);

  public RegisterUser registerUser() {
    return new RegisterUser(
        rules,
        emailKeys,
        reservations,
        hashes,
        pool,
        events,
        credentials,
        cipher,
        emailVerification(),
        clock);
  }

  public LogIn logIn() {
    return logIn(hashes);
  }

  /** Login that hashes new passwords with {@code current} (e.g. after the cost knobs changed). */
  public LogIn logIn(PasswordHashes current) {
    return new LogIn(
        emailKeys,
        reservations,
        credentials,
        current,
        pool,
        throttle,
        proofOfWork,
        loginActivity,
        clock);
  }

  /**
   * Access tokens are checked against real time by their verifier, so they are issued on the system
   * clock.
   */
  public Sessions sessions() {
    return new Sessions(
        new AccessTokens(signingKeys, tokenSettings, Clock.systemUTC()),
        refreshTokens,
        credentials,
        sessionEnds);
  }

  public final MemorySpentCodes spentCodes = new MemorySpentCodes();
  public static final String ISSUER = "https://identity.test";

  /** Authorization codes on the test clock, so a test can let one expire. */
  public AuthorizationCodes authorizationCodes() {
    return new AuthorizationCodes(new SignedJwts(signingKeys, clock), ISSUER, clock);
  }

  /** Sign-in tickets on the test clock. */
  public PendingSignIns pendingSignIns() {
    return new PendingSignIns(new SignedJwts(signingKeys, clock), ISSUER, clock);
  }

  public IdTokens idTokens() {
    return new IdTokens(new SignedJwts(signingKeys, clock), ISSUER, 900, clock);
  }

  public RedeemAuthorizationCode redeemAuthorizationCode() {
    return new RedeemAuthorizationCode(
        authorizationCodes(), spentCodes, credentials, sessions(), sessionEnds, idTokens());
  }

  public TokenVerifier tokenVerifier() {
    return new TokenVerifier(signingKeys::publicSet, tokenSettings);
  }

  public ChangeProfile changeProfile() {
    return new ChangeProfile(rules, accounts, recentProof, seal, auditor, clock);
  }

  public ChangePassword changePassword() {
    return new ChangePassword(
        rules, contacts, accounts, recentProof, hashes, pool, sessionEnds, clock);
  }

  public EraseAccount eraseAccount() {
    return new EraseAccount(accounts, recentProof, reservations, erasureTail(), auditor, clock);
  }

  public ErasureTail erasureTail() {
    return new ErasureTail(erasedEmails, dataKeys, sessionEnds, reservations);
  }

  /** Verification emails sent at once, on the caller's thread, to {@link #outbox}. */
  public EmailVerification emailVerification() {
    return new EmailVerification(new AccountMail(templates, outbox, duration -> {}), Runnable::run);
  }

  public VerifyEmail verifyEmail() {
    return new VerifyEmail(accounts, new SpendOneTimeToken(accounts, credentials), clock);
  }

  public ResendEmailVerification resendEmailVerification() {
    return new ResendEmailVerification(
        accounts, contacts, credentials, mailLimit, emailVerification());
  }

  /** Reset requests whose delivery runs at once, on the caller's thread. */
  public RequestPasswordReset requestPasswordReset() {
    return requestPasswordReset(outbox);
  }

  public RequestPasswordReset requestPasswordReset(EmailSender sender) {
    return new RequestPasswordReset(
        rules,
        emailKeys,
        reservations,
        credentials,
        credentials,
        contacts,
        mailLimit,
        new AccountMail(templates, sender, duration -> {}),
        sms,
        Runnable::run);
  }

  public ResetPassword resetPassword() {
    return new ResetPassword(
        rules,
        contacts,
        accounts,
        new SpendOneTimeToken(accounts, credentials),
        hashes,
        pool,
        sessionEnds,
        throttle,
        clock);
  }

  public ChangeRoles changeRoles() {
    return new ChangeRoles(
        emailKeys, reservations, accounts, roleHolders, sessionEnds, contacts, auditor, clock);
  }

  public RecordVerifiedPhone recordVerifiedPhone() {
    return new RecordVerifiedPhone(accounts, events, seal, clock);
  }

  /**
   * A reaper that settles attempts older than {@link #ABANDONED_AFTER}, looking back an hour on its
   * first pass.
   */
  public ReservationReaper reaper(String owner) {
    return new ReservationReaper(
        reservations,
        lease,
        owner,
        events,
        credentials,
        erasureTail(),
        clock,
        ABANDONED_AFTER,
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        new MetricRegistry());
  }

  /** A customer registered with {@link #PASSWORD}: their id. */
  public UUID registered(String email) {
    return registerUser()
        .register(
            new RegisterUser.Command(email, PASSWORD, "Grace", "Hopper", "US", null, "en-US"),
            "test")
        .userId();
  }

  /** The customer's email lookup key, as registration and login compute it. */
  public String keyOf(String email) {
    return emailKeys.keyOf(email);
  }

  @Override
  public void close() {
    CrashPoints.disarmAll();
    pool.stop();
  }
}
