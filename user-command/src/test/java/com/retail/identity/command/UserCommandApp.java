package com.retail.identity.command;

import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** user-command on random ports against the test stack. */
public final class UserCommandApp {
  /** Strong enough for the password rules, and never used anywhere else. */
  public static final String PASSWORD = "violet-Harbor-93-lantern!";

  private UserCommandApp() {}

  public static DropwizardAppExtension<UserCommandConfiguration> extension() {
    return extension(Map.of());
  }

  public static DropwizardAppExtension<UserCommandConfiguration> extension(
      Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    // Tests of other behaviour register many accounts from 127.0.0.1; AdmissionIT turns it on.
    settings.put("admissionControl", "false");
    settings.put(
        "signingKeyFile",
        Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath().toString());
    settings.putAll(extra);
    return TestStack.app(UserCommandApplication.class, "user-command", settings);
  }

  public static String uniqueEmail() {
    return "it-" + UUID.randomUUID() + "@example.com";
  }

  public static String registrationJson(String email, String password) {
    return "{\"email\":\""
        + email
        + "\",\"password\":\""
        + password
        + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"country\":\"US\",\"locale\":\"en-US\"}";
  }
}
