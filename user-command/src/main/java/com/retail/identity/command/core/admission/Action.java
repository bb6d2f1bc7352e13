package com.retail.identity.command.core.admission;

import java.util.Locale;

/** What the caller is about to do. */
public enum Action {
  /** {@code POST /v1/users}. */
  REGISTER,
  /** {@code POST /v1/sessions}. */
  LOGIN,
  /** {@code POST /v1/password-resets}. */
  RESET;

  /**
   * The knob, metric and Redis key name segment: {@code register}, {@code login}, {@code reset}.
   */
  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }
}
