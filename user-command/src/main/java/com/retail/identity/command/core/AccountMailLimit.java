package com.retail.identity.command.core;

import java.time.Duration;

/**
 * How many account emails (of one purpose) one address may be sent in an hour, counted by its keyed
 * hash whether or not an account uses it, so that nobody can flood a customer's inbox.
 */
public interface AccountMailLimit {
  int PER_HOUR = 5;

  /** Counts one message; false when the hour's allowance is spent (nothing is to be sent). */
  boolean allowOne(String purpose, String emailKey);

  /** How long until the hour's allowance starts over (an hour when unknown). */
  Duration timeLeft(String purpose, String emailKey);
}
