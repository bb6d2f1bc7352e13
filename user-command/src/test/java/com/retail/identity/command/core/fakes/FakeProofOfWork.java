package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.SolutionCheck;
import java.util.HashSet;
import java.util.Set;

/**
 * Challenges numbered 1, 2, ...; the solution of challenge n is {@code solved-n}, accepted once.
 */
public final class FakeProofOfWork implements ProofOfWork {
  private final Set<String> issued = new HashSet<>();
  private final Set<String> used = new HashSet<>();
  private boolean replayGuardDown;

  public static String solutionOf(Challenge challenge) {
    return "solved-" + challenge.challenge();
  }

  public void replayGuardGoesDown() {
    replayGuardDown = true;
  }

  @Override
  public Challenge issue() {
    String id = Integer.toString(issued.size() + 1);
    issued.add(id);
    return new Challenge("SHA-256", id, 1000, "salt?expires=0", "signature-" + id);
  }

  @Override
  public SolutionCheck verify(String solutionHeader) {
    if (solutionHeader == null) {
      return SolutionCheck.MISSING;
    }
    if (!solutionHeader.startsWith("solved-")
        || !issued.contains(solutionHeader.substring("solved-".length()))) {
      return SolutionCheck.INVALID;
    }
    if (replayGuardDown) {
      return SolutionCheck.UNAVAILABLE;
    }
    return used.add(solutionHeader) ? SolutionCheck.VALID : SolutionCheck.REPLAYED;
  }
}
