package com.retail.identity.command.core.admission;

import java.util.Locale;

/** What the caller is about to do. */
public enum Action {
  /** {@code POST /v1/users}. */
  REGISTER,
  /** {@code POST /v1/sessions}. */
  LOGIN;

  /** The knob, metric and Redis key name segment: {@code register}, {@code login}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }
}
