package com.retail.identity.command;

import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
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
    return TestStack.app(UserCommandApplication.class, "user-command", settingsWith(extra));
  }

  /**
   * user-command with an internal connector as production has one (a second application connector,
   * on a random port): {@code /internal/*} is served only there.
   */
  public static DropwizardAppExtension<UserCommandConfiguration> withInternalConnector(
      Map<String, String> extra) {
    try {
      String local = Files.readString(Path.of(TestStack.localConfigOf("user-command")));
      String connector = "      port: ${USER_COMMAND_PORT:-8080}\n";
      if (!local.contains(connector)) {
        throw new IllegalStateException("local.yml's application connector has moved");
      }
      Path config =
          Files.createDirectories(Path.of("target", "it-config"))
              .resolve("user-command-internal-" + UUID.randomUUID() + ".yml");
      Files.writeString(
          config,
          local.replace(
              connector,
              connector + "    - type: http\n      bindHost: 127.0.0.1\n      port: 0\n"));
      return TestStack.app(
          UserCommandApplication.class,
          "user-command",
          config.toAbsolutePath().toString(),
          settingsWith(extra));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> settingsWith(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    // Tests of other behaviour register many accounts from 127.0.0.1; AdmissionIT turns it on.
    settings.put("admissionControl", "false");
    settings.put(
        "signingKeyFile",
        Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath().toString());
    settings.putAll(extra);
    return settings;
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
