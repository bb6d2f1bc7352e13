package com.retail.identity.replayer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The replayer reads the services' own configuration files, so it writes with exactly the keyspace,
 * keys and secrets the services use ({@code ${VAR:-default}} from the environment too). It reads
 * each through its own view of the sections it needs ({@link WriteSideSettings}, {@link
 * ReadSideSettings}), not through the services' configuration classes.
 */
public final class ReplayerConfiguration {
  private ReplayerConfiguration() {}

  public static <T> T load(Class<T> type, Path file) {
    ObjectMapper mapper = Jackson.newObjectMapper();
    PlatformApplication.configureJson(mapper);
    YamlConfigurationFactory<T> factory =
        new YamlConfigurationFactory<>(type, Validators.newValidator(), mapper, "dw");
    try {
      return factory.build(
          new SubstitutingSourceProvider(
              new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
          file.toString());
    } catch (IOException | ConfigurationException e) {
      throw new IllegalArgumentException(
          "cannot read configuration " + file + ": " + e.getMessage().strip(), e);
    }
  }

  /** user-command's configuration file, as the import reads it. */
  public static WriteSideSettings command(Path file) {
    return load(WriteSideSettings.class, file);
  }

  /** user-query's configuration file, as a rebuild and the reference-data load read it. */
  public static ReadSideSettings query(Path file) {
    return load(ReadSideSettings.class, file);
  }

  public static VerificationConfiguration verification(Path file) {
    return load(VerificationConfiguration.class, file);
  }
}
