package com.retail.identity.command.resources;

import com.retail.identity.command.core.ChallengeRequired;
import com.retail.identity.command.core.EmailTaken;
import com.retail.identity.command.core.InvalidClient;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.InvalidGrant;
import com.retail.identity.command.core.InvalidOneTimeToken;
import com.retail.identity.command.core.InvalidRefreshToken;
import com.retail.identity.command.core.LoginThrottled;
import com.retail.identity.command.core.RegistrationInterrupted;
import com.retail.identity.command.core.TooManyEmails;
import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.DomainProblemMapper;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The answers to user-command's own domain exceptions (the shared ones are answered by common's
 * mappers).
 */
public final class CommandProblemMappers implements Feature {
  public static List<DomainProblemMapper<?>> all() {
    return List.of(
        new EmailTakenMapper(),
        new RegistrationInterruptedMapper(),
        new InvalidCredentialsMapper(),
        new LoginThrottledMapper(),
        new ChallengeRequiredMapper(),
        new InvalidRefreshTokenMapper(),
        new InvalidGrantMapper(),
        new InvalidClientMapper(),
        new InvalidOneTimeTokenMapper(),
        new TooManyEmailsMapper());
  }

  @Override
  public boolean configure(FeatureContext context) {
    for (DomainProblemMapper<?> mapper : all()) {
      context.register(mapper);
    }
    return true;
  }

  /** 409 {@code email-taken}. */
  public static final class EmailTakenMapper extends DomainProblemMapper<EmailTaken> {
    public EmailTakenMapper() {
      super(EmailTaken.class);
    }

    @Override
    public Problem problem(EmailTaken exception) {
      return Problem.of(
          "email-taken",
          "Email already registered",
          409,
          "An account with this email address already exists.");
    }
  }

  /** 503 {@code registration-interrupted} with {@code Retry-After}: sending it again registers. */
  public static final class RegistrationInterruptedMapper
      extends DomainProblemMapper<RegistrationInterrupted> {
    public RegistrationInterruptedMapper() {
      super(RegistrationInterrupted.class);
    }

    @Override
    public Problem problem(RegistrationInterrupted exception) {
      return Problem.of(
          "registration-interrupted",
          "Registration interrupted",
          503,
          "The registration was interrupted before it completed; send it again.");
    }

    @Override
    public Map<String, String> headers(RegistrationInterrupted exception) {
      return retryAfter(Duration.ofSeconds(1));
    }
  }

  /** 401 {@code invalid-credentials}: one body for an unknown email and a wrong password. */
  public static final class InvalidCredentialsMapper
      extends DomainProblemMapper<InvalidCredentials> {
    public InvalidCredentialsMapper() {
      super(InvalidCredentials.class);
    }

    @Override
    public Problem problem(InvalidCredentials exception) {
      return Problem.of(
          "invalid-credentials", "Invalid credentials", 401, "The email or password is incorrect.");
    }
  }

  /** 403 {@code challenge-required}, as admission control answers it, with the challenge. */
  public static final class ChallengeRequiredMapper extends DomainProblemMapper<ChallengeRequired> {
    public ChallengeRequiredMapper() {
      super(ChallengeRequired.class);
    }

    @Override
    public Problem problem(ChallengeRequired exception) {
      return AdmissionProblems.challengeProblem(exception.challenge());
    }

    @Override
    public Map<String, String> headers(ChallengeRequired exception) {
      return AdmissionProblems.NO_STORE;
    }
  }

  /** 429 {@code rate-limited} with {@code Retry-After}. */
  public static final class LoginThrottledMapper extends DomainProblemMapper<LoginThrottled> {
    public LoginThrottledMapper() {
      super(LoginThrottled.class);
    }

    @Override
    public Problem problem(LoginThrottled exception) {
      return Problem.of(
          "rate-limited",
          "Too many attempts",
          429,
          "Too many failed logins for this account; wait before trying again.");
    }

    @Override
    public Map<String, String> headers(LoginThrottled exception) {
      return retryAfter(exception.retryAfter());
    }
  }

  /** 401 {@code invalid-refresh-token}. */
  public static final class InvalidRefreshTokenMapper
      extends DomainProblemMapper<InvalidRefreshToken> {
    public InvalidRefreshTokenMapper() {
      super(InvalidRefreshToken.class);
    }

    @Override
    public Problem problem(InvalidRefreshToken exception) {
      return Problem.of(
          "invalid-refresh-token",
          "Invalid refresh token",
          401,
          "The refresh token is unknown, expired or revoked; log in again.");
    }
  }

  /**
   * 400 {@code invalid-grant}. The token endpoint answers OAuth's own {@code invalid_grant}; this
   * serves any other caller of a use case that refuses a code.
   */
  public static final class InvalidGrantMapper extends DomainProblemMapper<InvalidGrant> {
    public InvalidGrantMapper() {
      super(InvalidGrant.class);
    }

    @Override
    public Problem problem(InvalidGrant exception) {
      return Problem.of(
          "invalid-grant",
          "Invalid grant",
          400,
          "The authorization code is not valid: start the sign-in again.");
    }
  }

  /** 401 {@code invalid-client}. */
  public static final class InvalidClientMapper extends DomainProblemMapper<InvalidClient> {
    public InvalidClientMapper() {
      super(InvalidClient.class);
    }

    @Override
    public Problem problem(InvalidClient exception) {
      return Problem.of("invalid-client", "Invalid client", 401, "Unknown client or wrong secret.");
    }
  }

  /**
   * 400 {@code invalid-token}: one body for a malformed, forged, expired, used or replaced token.
   */
  public static final class InvalidOneTimeTokenMapper
      extends DomainProblemMapper<InvalidOneTimeToken> {
    public InvalidOneTimeTokenMapper() {
      super(InvalidOneTimeToken.class);
    }

    @Override
    public Problem problem(InvalidOneTimeToken exception) {
      return new Problem(
          "invalid-token",
          "Invalid token",
          400,
          "The link is invalid, expired or already used; ask for a new one.",
          List.of(new FieldError("token", "is invalid, expired or already used")));
    }
  }

  /** 429 {@code rate-limited} with {@code Retry-After}: the hour's account emails are spent. */
  public static final class TooManyEmailsMapper extends DomainProblemMapper<TooManyEmails> {
    public TooManyEmailsMapper() {
      super(TooManyEmails.class);
    }

    @Override
    public Problem problem(TooManyEmails exception) {
      return Problem.of(
          "rate-limited",
          "Too many emails",
          429,
          "Enough emails went to this address within the hour; try again later.");
    }

    @Override
    public Map<String, String> headers(TooManyEmails exception) {
      return retryAfter(exception.retryAfter());
    }
  }
}
