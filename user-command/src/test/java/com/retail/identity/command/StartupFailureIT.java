package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.MasterKeySettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong configuration stops the service at once with a non-zero exit and one line that says why.
 */
class StartupFailureIT {
  @TempDir Path dir;

  private Process start(String yaml) throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, yaml);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            UserCommandApplication.class.getName(),
            "server",
            config.toString())
        .redirectOutput(dir.resolve("out.log").toFile())
        .redirectError(dir.resolve("err.log").toFile())
        .start();
  }

  private List<String> stderrLines() throws Exception {
    return Files.readAllLines(dir.resolve("err.log"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  @Test
  void anOutOfRangePortAndAMissingSecretAreNamedOnOneLine() throws Exception {
    Process process =
        start(
            """
        cassandra:
          port: 70000
        signingKeyFile: /tmp/x.jwks
        """);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(stderrLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("user-command failed to start: configuration")
                    .contains("cassandra.port")
                    .contains("emailLookupSecret"));
  }

  @Test
  void aMisspeltKeyIsRefusedNotIgnored() throws Exception {
    Process process =
        start(
            """
        eureka:
          enabled: false
        signingKeyFile: /tmp/x.jwks
        emailLookupSecret: %s
        cassandra:
          prot: 9042
        """
                .formatted(UserCommandConfiguration.LOCAL_EMAIL_SECRET));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(stderrLines()).singleElement().satisfies(line -> assertThat(line).contains("prot"));
  }

  @Test
  void benchHashingIsRefusedOutsideLocalMode() throws Exception {
    Process process =
        start(
            """
        mode: TEST
        benchHashing: true
        eureka:
          enabled: false
        signingKeyFile: /tmp/x.jwks
        emailLookupSecret: %s
        masterKey:
          key: %s
        """
                .formatted(
                    UserCommandConfiguration.LOCAL_EMAIL_SECRET, MasterKeySettings.LOCAL_KEY));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(stderrLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("benchHashing"));
  }

  @Test
  void theLocalDevelopmentSecretIsRefusedInProduction() throws Exception {
    Process process =
        start(
            """
        mode: PRODUCTION
        eureka:
          enabled: false
        signingKeyFile: /tmp/x.jwks
        emailLookupSecret: %s
        """
                .formatted(UserCommandConfiguration.LOCAL_EMAIL_SECRET));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(stderrLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("local development secret"));
  }

  @Test
  void anUnreachableStoreIsAOneLineReasonToo() throws Exception {
    Process process =
        start(
            """
        mode: TEST
        eureka:
          enabled: false
        cassandra:
          port: 1
          connectAttempts: 1
        signingKeyFile: %s
        emailLookupSecret: %s
        masterKey:
          key: %s
        """
                .formatted(
                    dir.resolve("k.jwks"),
                    UserCommandConfiguration.LOCAL_EMAIL_SECRET,
                    MasterKeySettings.LOCAL_KEY));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(stderrLines())
        .last()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        "user-command failed to start: Cassandra unreachable at [127.0.0.1]:1"));
    assertThat(new File(dir.toFile(), "err.log")).exists();
  }
}
