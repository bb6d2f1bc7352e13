package com.retail.identity.verification.core;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.Unavailable;
import com.retail.identity.verification.config.CodeSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a code. A right one is recorded first at user-command (the user's stream gets {@code
 * PhoneVerified}; idempotent by verification id), then in verification's own phone records, and
 * only then used up: if either step fails the answer is {@link Unavailable} and the code stays
 * valid, so the customer simply retries (no pending state to reconcile).
 *
 * <p>Metrics: {@code verification.confirm.<outcome>}.
 */
public final class ConfirmVerification {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmVerification.class);

  private final PhoneKeys keys;
  private final VerificationStore store;
  private final UserCommand userCommand;
  private final PhoneRecords records;
  private final CodeSettings rules;
  private final MetricRegistry metrics;
  private final Clock clock;

  public ConfirmVerification(
      PhoneKeys keys,
      VerificationStore store,
      UserCommand userCommand,
      PhoneRecords records,
      CodeSettings rules,
      MetricRegistry metrics,
      Clock clock) {
    this.keys = keys;
    this.store = store;
    this.userCommand = userCommand;
    this.records = records;
    this.rules = rules;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void confirm(UUID userId, String verificationId, String code) {
    if (!OtpCodes.wellFormed(code)) {
      throw InvalidInput.of("code", "must be the 6 digits we sent");
    }
    try {
      confirmWellFormed(userId, verificationId, code);
    } catch (DomainException e) {
      metrics.counter("verification.confirm." + outcome(e)).inc();
      throw e;
    }
    metrics.counter("verification.confirm.verified").inc();
  }

  /** The metric name of a refusal (the same words as its problem type). */
  static String outcome(DomainException e) {
    if (e instanceof NotFound) {
      return "not-found";
    } else if (e instanceof Unavailable) {
      return "unavailable";
    } else if (e instanceof VerificationProblems.Completed) {
      return "verification-completed";
    } else if (e instanceof VerificationProblems.TooManyAttempts) {
      return "too-many-attempts";
    } else if (e instanceof VerificationProblems.CodeExpired) {
      return "code-expired";
    } else if (e instanceof VerificationProblems.CodeMismatch) {
      return "code-mismatch";
    }
    return "refused";
  }

  private void confirmWellFormed(UUID userId, String verificationId, String code) {
    VerificationStore.CheckResult result;
    String phoneHash;
    try {
      Optional<String> hash = store.phoneHashOf(verificationId, userId);
      if (hash.isEmpty()) {
        throw VerificationProblems.verificationNotFound();
      }
      phoneHash = hash.get();
      result =
          store.check(
              verificationId,
              userId,
              keys.codeHash(userId, phoneHash, code),
              clock.millis(),
              rules.getMaxAttempts());
    } catch (VerificationStore.StoreUnavailable e) {
      throw VerificationProblems.unavailable();
    }
    switch (result.status()) {
      case NOT_FOUND -> throw VerificationProblems.verificationNotFound();
      case COMPLETED -> throw VerificationProblems.completed();
      case LOCKED -> throw VerificationProblems.tooManyAttempts(result.value());
      case EXPIRED -> throw VerificationProblems.codeExpired();
      case MISMATCH -> throw VerificationProblems.codeMismatch(result.value());
      case MATCH -> {}
    }
    String e164 = keys.open(userId, result.sealedPhone());
    UserCommand.Recorded recorded;
    try {
      recorded = userCommand.recordPhoneVerified(userId, verificationId, e164);
    } catch (UserCommand.Unavailable e) {
      LOG.warn(
          "Verification {} matched but user-command did not record it: {}",
          verificationId,
          e.getMessage());
      throw VerificationProblems.unavailable();
    }
    if (recorded == UserCommand.Recorded.UNKNOWN_USER) {
      throw new NotFound("The account no longer exists.");
    }
    try {
      records.recordVerified(
          userId, phoneHash, verificationId, Instant.ofEpochMilli(clock.millis()));
      store.complete(verificationId, userId);
    } catch (RuntimeException e) {
      LOG.warn(
          "Verification {} recorded at user-command but not here yet: {}",
          verificationId,
          e.toString());
      throw VerificationProblems.unavailable();
    }
    LOG.info("Verification {} completed", verificationId);
  }
}
