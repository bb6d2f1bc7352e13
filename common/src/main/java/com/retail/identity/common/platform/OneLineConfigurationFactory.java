package com.retail.identity.common.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Dropwizard's YAML factory plus the configuration's cross-field rules, reporting every problem on
 * one line so an operator sees the reason at a glance in a start script or a systemd journal.
 */
final class OneLineConfigurationFactory<T extends PlatformConfiguration>
    implements ConfigurationFactory<T> {
  private final YamlConfigurationFactory<T> yaml;

  OneLineConfigurationFactory(
      Class<T> klass, Validator validator, ObjectMapper mapper, String propertyPrefix) {
    // Request bodies may carry unknown fields; a configuration file may not (a typo must not pass
    // silently).
    ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.yaml = new YamlConfigurationFactory<>(klass, validator, strict, propertyPrefix);
  }

  @Override
  public T build(ConfigurationSourceProvider provider, String path)
      throws IOException, ConfigurationException {
    T configuration;
    try {
      configuration = yaml.build(provider, path);
    } catch (ConfigurationException e) {
      throw new OneLineConfigurationException(path, e.getErrors(), e);
    }
    checkCrossFieldRules(path, configuration);
    return configuration;
  }

  @Override
  public T build() throws IOException, ConfigurationException {
    T configuration = yaml.build();
    checkCrossFieldRules("default configuration", configuration);
    return configuration;
  }

  private static void checkCrossFieldRules(String path, PlatformConfiguration configuration)
      throws ConfigurationException {
    List<String> problems = configuration.crossFieldProblems();
    if (!problems.isEmpty()) {
      throw new OneLineConfigurationException(path, problems, null);
    }
  }

  static final class OneLineConfigurationException extends ConfigurationException {
    private final String oneLine;

    OneLineConfigurationException(String path, Collection<String> errors, Throwable cause) {
      super(path, errors, cause);
      this.oneLine =
          "configuration "
              + path
              + " is invalid: "
              + String.join(
                  "; ",
                  errors.stream().map(e -> e.strip().replaceAll("\\s*\\n\\s*", " ")).toList());
    }

    @Override
    public String getMessage() {
      return oneLine;
    }
  }
}
