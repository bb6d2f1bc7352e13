package com.retail.identity.command.core;

/** Hashes and verifies passwords; hashes are self-describing PHC strings. */
public interface PasswordHasher {
  String hash(char[] password);

  boolean verify(String hash, char[] password);
}
