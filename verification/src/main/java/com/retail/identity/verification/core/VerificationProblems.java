package com.retail.identity.verification.core;

import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.Unavailable;
import java.time.Duration;

/** Why phone verification refuses a request: the domain exceptions of this service. */
public final class VerificationProblems {
  private VerificationProblems() {}

  /** A code went to this number moments ago. */
  public static final class ResendTooSoon extends DomainException {
    private final Duration retryAfter;

    public ResendTooSoon(Duration retryAfter) {
      super("resend too soon");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** No more codes today, for this phone or for this account. */
  public static final class DailyLimit extends DomainException {
    public enum Of {
      PHONE,
      USER
    }

    private final Of of;
    private final Duration retryAfter;

    public DailyLimit(Of of, Duration retryAfter) {
      super("daily limit reached");
      this.of = of;
      this.retryAfter = retryAfter;
    }

    public Of of() {
      return of;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The verification is locked after too many wrong codes. */
  public static final class TooManyAttempts extends DomainException {
    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter) {
      super("too many wrong codes");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Codes to this destination are paused (country budget or the global brake). */
  public static final class SmsPaused extends DomainException {
    private final Duration retryAfter;

    public SmsPaused(Duration retryAfter) {
      super("codes paused");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The SMS provider did not take the code. */
  public static final class SmsFailed extends DomainException {
    public SmsFailed() {
      super("code not sent");
    }
  }

  /** A well-formed code that is not the one sent. */
  public static final class CodeMismatch extends DomainException {
    private final long attemptsLeft;

    public CodeMismatch(long attemptsLeft) {
      super("wrong code");
      this.attemptsLeft = attemptsLeft;
    }

    public long attemptsLeft() {
      return attemptsLeft;
    }
  }

  public static final class CodeExpired extends DomainException {
    public CodeExpired() {
      super("code expired");
    }
  }

  /** The verification was completed already; its code cannot be used again. */
  public static final class Completed extends DomainException {
    public Completed() {
      super("verification already completed");
    }
  }

  /** Codes go by SMS to mobile numbers only. */
  public static final class PhoneNotMobile extends DomainException {
    private final String numberType;

    public PhoneNotMobile(String numberType) {
      super("not a mobile number");
      this.numberType = numberType;
    }

    /** libphonenumber's type of the number, in lower case (e.g. {@code fixed_line}). */
    public String numberType() {
      return numberType;
    }
  }

  public static ResendTooSoon resendTooSoon(long waitMillis) {
    return new ResendTooSoon(Duration.ofMillis(waitMillis));
  }

  public static DailyLimit dailyLimit(DailyLimit.Of of, long waitMillis) {
    return new DailyLimit(of, Duration.ofMillis(waitMillis));
  }

  public static TooManyAttempts tooManyAttempts(long waitMillis) {
    return new TooManyAttempts(Duration.ofMillis(waitMillis));
  }

  public static SmsPaused smsPaused(long waitMillis) {
    return new SmsPaused(Duration.ofMillis(waitMillis));
  }

  public static SmsFailed smsFailed() {
    return new SmsFailed();
  }

  public static CodeMismatch codeMismatch(long attemptsLeft) {
    return new CodeMismatch(attemptsLeft);
  }

  public static CodeExpired codeExpired() {
    return new CodeExpired();
  }

  public static Completed completed() {
    return new Completed();
  }

  public static NotFound verificationNotFound() {
    return new NotFound("No such verification.");
  }

  public static Unavailable unavailable() {
    return new Unavailable(
        "Phone verification is briefly unavailable; your code stays valid, retry shortly.",
        Duration.ofSeconds(5));
  }
}
