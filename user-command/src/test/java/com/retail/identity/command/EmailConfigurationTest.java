package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

/** {@code email} in the YAML: the outbox is for local mode only, and every template is usable. */
class EmailConfigurationTest {
  private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

  private static UserCommandConfiguration read(String yaml) throws Exception {
    return YAML.readValue(yaml, UserCommandConfiguration.class);
  }

  @Test
  void givenTheOutboxOutsideLocalMode_thenTheConfigurationIsRefused() throws Exception {
    assertThat(read("mode: PRODUCTION\nemail:\n  sender: OUTBOX\n").crossFieldProblems())
        .contains(
            "email.sender OUTBOX is for mode LOCAL only; mode PRODUCTION must send through SES");
    assertThat(read("mode: LOCAL\nemail:\n  sender: OUTBOX\n").crossFieldProblems())
        .noneMatch(p -> p.startsWith("email."));
  }

  @Test
  void givenATemplateWithoutItsTokenOrWithoutEnglish_thenTheConfigurationIsRefused()
      throws Exception {
    UserCommandConfiguration configuration =
        read("mode: LOCAL\nemail:\n  reset:\n    de: {subject: Neues Passwort, body: ohne Link}\n");

    assertThat(configuration.crossFieldProblems())
        .contains(
            "email.reset must have an en template (the fallback)",
            "email.reset.de needs a subject and a body with {token}");
  }
}
