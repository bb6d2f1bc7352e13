package com.retail.identity.command.cli;

import com.retail.identity.command.core.ChangeRoles;
import com.retail.identity.command.core.EmailTaken;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.tokens.Principal;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode only: the one admin account, {@code admin@local.test}, with the password from {@code
 * LOCAL_ADMIN_PASSWORD} (default {@code local-admin-pass-1}). No other mode seeds accounts.
 */
public final class LocalAdminSeed {
  public static final String EMAIL = "admin@local.test";
  public static final String DEFAULT_PASSWORD = "local-admin-pass-1";
  private static final Logger LOG = LoggerFactory.getLogger(LocalAdminSeed.class);
  private final RegisterUser registerUser;
  private final ChangeRoles changeRoles;

  public LocalAdminSeed(RegisterUser registerUser, ChangeRoles changeRoles) {
    this.registerUser = registerUser;
    this.changeRoles = changeRoles;
  }

  public void seed(Map<String, String> environment) {
    String password = environment.getOrDefault("LOCAL_ADMIN_PASSWORD", DEFAULT_PASSWORD);
    try {
      registerUser.create(
          new RegisterUser.Command(EMAIL, password, "Local", "Admin", "US", null, "en-US"),
          Set.of(Principal.USER),
          "local-admin-seed");
      LOG.info("Seeded the local admin account {}", EMAIL);
    } catch (EmailTaken alreadyThere) {
      // seeded by an earlier start
    }
    // As an operator would grant it (audited, listed); granting it again changes nothing.
    changeRoles.grant(
        new Acting("cli:local-admin-seed", "local-admin-seed", "local mode"),
        new ChangeRoles.Command(EMAIL, Principal.ADMIN));
  }
}
