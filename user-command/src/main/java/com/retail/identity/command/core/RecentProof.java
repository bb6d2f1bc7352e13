package com.retail.identity.command.core;

import com.retail.identity.common.domain.InvalidInput;

/**
 * The rule for dangerous acts: the owner proves the current password in the same request (a 400
 * naming {@code currentPassword} otherwise); an admin's act needs no password of the customer's.
 */
public final class RecentProof {
  private final PasswordHashes hashes;
  private final HashingPool pool;

  public RecentProof(PasswordHashes hashes, HashingPool pool) {
    this.hashes = hashes;
    this.pool = pool;
  }

  public void check(Credentials.Credential credential, Proof proof) {
    if (proof instanceof Proof.AdminAct) {
      return;
    }
    String password = proof instanceof Proof.CurrentPassword current ? current.password() : null;
    if (password == null || password.isEmpty()) {
      throw InvalidInput.of("currentPassword", "must not be empty");
    }
    if (!pool.run(() -> hashes.verify(credential.passwordHash(), password))) {
      throw InvalidInput.of("currentPassword", "is not the current password");
    }
  }
}
