package com.retail.identity.command.core;

import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.domain.DomainException;

/**
 * This account has had too many failed logins for a guess without a solved proof-of-work challenge:
 * the request is repeated with a solution of {@link #challenge()}.
 */
public final class ChallengeRequired extends DomainException {
  private final transient Challenge challenge;

  public ChallengeRequired(Challenge challenge) {
    super("challenge required");
    this.challenge = challenge;
  }

  public Challenge challenge() {
    return challenge;
  }
}
