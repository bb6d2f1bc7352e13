package com.retail.identity.command.core;

import com.retail.identity.common.audit.Acting;

/**
 * What entitles a request to a dangerous act on an account (erasure, a new phone, a new password):
 * a stolen or borrowed access token alone is not enough.
 */
public sealed interface Proof {
  /** The account's owner, proving it again with the current password in the same request. */
  record CurrentPassword(String password) implements Proof {
    @Override
    public String toString() {
      return "CurrentPassword[]";
    }
  }

  /**
   * An admin acting on the customer's account; the act is the admin's, not the customer's, and is
   * audited as theirs.
   */
  record AdminAct(Acting acting) implements Proof {}
}
