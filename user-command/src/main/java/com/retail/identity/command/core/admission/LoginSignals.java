package com.retail.identity.command.core.admission;

/**
 * How logins from one client address went in the current and the previous signal window.
 *
 * @param known false when they could not be read (Redis down and the signals fail closed)
 * @param accounts distinct accounts tried (estimated)
 */
public record LoginSignals(boolean known, long attempts, long failures, long accounts) {
  public static final LoginSignals NONE = new LoginSignals(true, 0, 0, 0);
  public static final LoginSignals UNKNOWN = new LoginSignals(false, 0, 0, 0);

  public static LoginSignals of(long attempts, long failures, long accounts) {
    return new LoginSignals(true, attempts, failures, accounts);
  }
}
