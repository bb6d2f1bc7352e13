package com.retail.identity.command.core.admission;

import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.challenge.SolutionCheck;

/** Issues proof-of-work challenges and checks their solutions (each accepted once). */
public interface ProofOfWork {
  /**
   * @param solutionHeader the {@code X-Challenge-Solution} header, or null
   */
  SolutionCheck verify(String solutionHeader);

  Challenge issue();

  /** The ALTCHA challenges shared with verification (same key, same replay guard). */
  static ProofOfWork by(Challenges challenges) {
    return new ProofOfWork() {
      @Override
      public SolutionCheck verify(String solutionHeader) {
        return challenges.verify(solutionHeader);
      }

      @Override
      public Challenge issue() {
        return challenges.issue();
      }
    };
  }
}
