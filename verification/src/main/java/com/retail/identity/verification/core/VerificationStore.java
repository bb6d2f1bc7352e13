package com.retail.identity.verification.core;

import java.util.Optional;
import java.util.UUID;

/**
 * Pending verifications, their code hashes and failure counts, and the send limits (cooldown, daily
 * caps, country budgets, global brake): all in Redis, with TTLs. Throws {@link StoreUnavailable}
 * when the store cannot be reached (codes fail closed: no code is sent or checked without it).
 */
public interface VerificationStore {
  /** A token bucket: burst and refill per minute; burst or rate 0 stops every send it covers. */
  record Budget(int burst, int perMinute) {
    public static Budget of(SmsBudgetSettings.Budget budget) {
      return new Budget(budget.burst(), budget.perMinute());
    }
  }

  record StartCommand(
      UUID userId,
      String phoneHash,
      String sealedPhone,
      String region,
      String newId,
      String codeHash,
      long now,
      long codeTtlMillis,
      long cooldownMillis,
      long windowMillis,
      int maxAttempts,
      int dailyPerPhone,
      int dailyPerUser,
      String day,
      long millisToDayEnd,
      Budget country,
      Budget global,
      boolean brakeEngaged) {}

  enum StartStatus {
    SENT,
    COOLDOWN,
    LOCKED,
    CAP_PHONE,
    CAP_USER,
    COUNTRY_BUDGET,
    BRAKE
  }

  /**
   * @param value for SENT the code's expiry (epoch millis); otherwise the milliseconds to wait
   */
  record StartResult(StartStatus status, String verificationId, long value) {}

  /** Starts a verification, or sends a new code in the user's pending one for the same phone. */
  StartResult start(StartCommand command);

  record BudgetCommand(
      String region, long now, Budget country, Budget global, boolean brakeEngaged) {}

  /**
   * @param status SENT (one send spent), COUNTRY_BUDGET or BRAKE
   * @param waitMillis for a refusal, the milliseconds until a send fits again
   */
  record BudgetResult(StartStatus status, long waitMillis) {}

  /**
   * Spends one send of the country budget and the global brake for a message that is not a code (an
   * account message to a verified phone): the same buckets as codes, so the brakes cover every SMS.
   */
  BudgetResult spendBudget(BudgetCommand command);

  /** The SMS could not be sent: the cooldown is lifted and the unsent code forgotten. */
  void unsend(String verificationId, String phoneHash);

  /** The phone hash of a verification of this user, or empty. */
  Optional<String> phoneHashOf(String verificationId, UUID userId);

  enum CheckStatus {
    MATCH,
    MISMATCH,
    LOCKED,
    EXPIRED,
    COMPLETED,
    NOT_FOUND
  }

  /**
   * @param sealedPhone for MATCH
   * @param value for MISMATCH the tries left; for LOCKED the milliseconds until the verification
   *     ends
   */
  record CheckResult(CheckStatus status, String sealedPhone, long value) {}

  /** Compares a code hash; a wrong one counts as a failure. A match changes nothing yet. */
  CheckResult check(
      String verificationId, UUID userId, String candidateHash, long now, int maxAttempts);

  /**
   * The phone is recorded: the code is used up; the verification stays COMPLETED until it expires.
   */
  void complete(String verificationId, UUID userId);

  /** The store could not be reached. */
  final class StoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailable(Throwable cause) {
      super("verification store unavailable", cause);
    }
  }
}
