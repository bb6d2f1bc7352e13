package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.retail.identity.command.core.PasswordHashSettings;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code passwordHashing} in the YAML: the defaults live in the settings class, the YAML changes
 * only what it names.
 */
class PasswordHashingConfigurationTest {
  private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

  @Test
  void givenNoPasswordHashingKey_thenTheDefaults() {
    UserCommandConfiguration configuration =
        YAML.convertValue(Map.of(), UserCommandConfiguration.class);

    assertThat(configuration.getPasswordHashing())
        .isEqualTo(PasswordHashSettings.DEFAULTS)
        .isEqualTo(new PasswordHashSettings(19_456, 2, 1));
  }

  @Test
  void givenOneKey_thenTheOthersKeepTheirDefaults() throws Exception {
    UserCommandConfiguration configuration =
        YAML.readValue("passwordHashing:\n  iterations: 3\n", UserCommandConfiguration.class);

    assertThat(configuration.getPasswordHashing())
        .isEqualTo(new PasswordHashSettings(19_456, 3, 1));
  }

  @Test
  void givenAValueOutOfRange_thenValidationNamesTheKey() throws Exception {
    UserCommandConfiguration configuration =
        YAML.readValue(
            "passwordHashing:\n  memoryKib: 4\n  parallelism: 0\n", UserCommandConfiguration.class);

    assertThat(Validators.newValidator().validate(configuration))
        .map(ConstraintViolation::getPropertyPath)
        .map(Object::toString)
        .contains("passwordHashing.memoryKib", "passwordHashing.parallelism");
  }

  @Test
  void givenLessMemoryThanArgon2NeedsForItsLanes_thenTheConfigurationIsRefused() throws Exception {
    UserCommandConfiguration configuration =
        YAML.readValue(
            "passwordHashing:\n  memoryKib: 16\n  parallelism: 4\n",
            UserCommandConfiguration.class);

    assertThat(configuration.crossFieldProblems())
        .contains("passwordHashing.memoryKib must be at least 8 KiB per lane (parallelism)");
  }
}
