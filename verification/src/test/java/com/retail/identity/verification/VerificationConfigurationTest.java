package com.retail.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.retail.identity.common.platform.DeploymentMode;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.EligibilitySettings;
import com.retail.identity.verification.core.SmsBudgetSettings;
import com.retail.identity.verification.core.SmsBudgetSettings.Budget;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationConfigurationTest {
  private static VerificationConfiguration configuration(
      DeploymentMode mode, SmsSettings.Sender sender) throws Exception {
    ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
    VerificationConfiguration c =
        yaml.convertValue(
            Map.of(
                "sms",
                Map.of("sender", sender.name()),
                "masterKey",
                Map.of(
                    "id",
                    "local-1",
                    "key",
                    com.retail.identity.common.crypto.MasterKeySettings.LOCAL_KEY)),
            VerificationConfiguration.class);
    c.setMode(mode);
    return c;
  }

  @Test
  void theOutboxRunsInLocalModeOnly() throws Exception {
    assertThat(configuration(DeploymentMode.LOCAL, SmsSettings.Sender.OUTBOX).crossFieldProblems())
        .isEmpty();
    assertThat(configuration(DeploymentMode.TEST, SmsSettings.Sender.OUTBOX).crossFieldProblems())
        .contains("sms.sender OUTBOX is for mode LOCAL only; mode TEST must send through SNS");
    assertThat(
            configuration(DeploymentMode.PRODUCTION, SmsSettings.Sender.OUTBOX)
                .crossFieldProblems())
        .anyMatch(p -> p.startsWith("sms.sender OUTBOX is for mode LOCAL only"));
  }

  @Test
  void productionRefusesTheLocalSecrets() throws Exception {
    assertThat(
            configuration(DeploymentMode.PRODUCTION, SmsSettings.Sender.SNS).crossFieldProblems())
        .contains(
            "phoneSecret is the local development key; mode PRODUCTION needs its own",
            "challenge.hmacKey is the local development key; mode PRODUCTION needs its own",
            "serviceClient.secret is the local development secret; mode PRODUCTION needs its own");
  }

  private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

  @Test
  void givenNoKnobSettingsInTheYaml_thenTheDefaultsOfTheSettingsClasses() throws Exception {
    VerificationConfiguration c = YAML.readValue("{}", VerificationConfiguration.class);

    assertThat(c.getEligibility())
        .isEqualTo(EligibilitySettings.DEFAULTS)
        .isEqualTo(new EligibilitySettings(1, 30));
    assertThat(c.getSmsBudgets()).isEqualTo(SmsBudgetSettings.DEFAULTS);
  }

  @Test
  void givenSomeKnobSettingsInTheYaml_thenOnlyThoseChange() throws Exception {
    VerificationConfiguration c =
        YAML.readValue(
            """
        eligibility:
          erasedPhoneHoldDays: 7
        smsBudgets:
          countries:
            fr: {burst: 2, perMinute: 1}
          brakeEngaged: true
        """,
            VerificationConfiguration.class);

    assertThat(c.getEligibility()).isEqualTo(new EligibilitySettings(1, 7));
    assertThat(c.getSmsBudgets().country("FR")).isEqualTo(new Budget(2, 1));
    assertThat(c.getSmsBudgets().country("DE")).isEqualTo(SmsBudgetSettings.DEFAULTS.perCountry());
    assertThat(c.getSmsBudgets().brake()).isEqualTo(SmsBudgetSettings.DEFAULTS.brake());
    assertThat(c.getSmsBudgets().brakeEngaged()).isTrue();
  }

  @Test
  void givenAHalfBudget_thenTheYamlIsRefused() {
    assertThatThrownBy(
            () ->
                YAML.readValue(
                    "smsBudgets:\n  perCountry: {burst: 5}\n", VerificationConfiguration.class))
        .hasMessageContaining("perMinute");
  }

  @Test
  void givenValuesOutOfRange_thenValidationNamesTheKeys() throws Exception {
    VerificationConfiguration c =
        YAML.readValue(
            """
        eligibility:
          maxAccountsPerPhone: 0
        smsBudgets:
          brake: {burst: -1, perMinute: 5}
          countries:
            FRA: {burst: 1, perMinute: 1}
        """,
            VerificationConfiguration.class);

    assertThat(Validators.newValidator().validate(c))
        .map(ConstraintViolation::getPropertyPath)
        .map(Object::toString)
        .contains("eligibility.maxAccountsPerPhone", "smsBudgets.brake.burst")
        .anyMatch(path -> path.startsWith("smsBudgets.countries"));
  }
}
