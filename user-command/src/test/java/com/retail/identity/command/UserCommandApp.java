package com.retail.identity.command;

import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.UUID;

/** user-command on random ports against the test stack. */
public final class UserCommandApp {
  private UserCommandApp() {}

  public static DropwizardAppExtension<UserCommandConfiguration> extension(ConfigOverride... extra) {
    Path keys = Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath();
    ConfigOverride[] base = TestStack.serviceOverrides(
        ConfigOverride.config("cassandra.manageSchema", "true"),
        ConfigOverride.config("signingKeyFile", keys.toString()));
    ConfigOverride[] all = new ConfigOverride[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return new DropwizardAppExtension<>(UserCommandApplication.class, "config/local.yml", all);
  }

  public static String uniqueEmail() {
    return "it-" + UUID.randomUUID() + "@example.com";
  }

  public static String registrationJson(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password
        + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"country\":\"US\",\"locale\":\"en-US\"}";
  }
}
