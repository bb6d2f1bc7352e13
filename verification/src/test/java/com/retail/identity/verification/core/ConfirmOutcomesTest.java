package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.domain.NotFound;
import org.junit.jupiter.api.Test;

/** The {@code verification.confirm.<outcome>} metrics keep the names dashboards already chart. */
class ConfirmOutcomesTest {
  @Test
  void eachRefusalOfAConfirmationCountsUnderItsProblemTypeName() {
    assertThat(ConfirmVerification.outcome(new NotFound("No such verification.")))
        .isEqualTo("not-found");
    assertThat(ConfirmVerification.outcome(VerificationProblems.unavailable()))
        .isEqualTo("unavailable");
    assertThat(ConfirmVerification.outcome(VerificationProblems.completed()))
        .isEqualTo("verification-completed");
    assertThat(ConfirmVerification.outcome(VerificationProblems.tooManyAttempts(1)))
        .isEqualTo("too-many-attempts");
    assertThat(ConfirmVerification.outcome(VerificationProblems.codeExpired()))
        .isEqualTo("code-expired");
    assertThat(ConfirmVerification.outcome(VerificationProblems.codeMismatch(2)))
        .isEqualTo("code-mismatch");
  }
}
