package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/**
 * An authorization code that is not ours, expired, already used, issued to another app or redirect
 * URI, or whose PKCE verifier does not match: the app starts the sign-in again.
 */
public final class InvalidGrant extends DomainException {
  public InvalidGrant(String why) {
    super(why);
  }
}
