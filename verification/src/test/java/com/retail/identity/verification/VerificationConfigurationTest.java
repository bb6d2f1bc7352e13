package com.retail.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.retail.identity.common.platform.DeploymentMode;
import com.retail.identity.verification.config.SmsSettings;
import io.dropwizard.jackson.Jackson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationConfigurationTest {
  private static VerificationConfiguration configuration(DeploymentMode mode, SmsSettings.Sender sender) throws Exception {
    ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
    VerificationConfiguration c = yaml.convertValue(Map.of("sms", Map.of("sender", sender.name()),
        "masterKey", Map.of("id", "local-1", "key", com.retail.identity.common.crypto.MasterKeySettings.LOCAL_KEY)), VerificationConfiguration.class);
    c.setMode(mode);
    return c;
  }

  @Test
  void theOutboxRunsInLocalModeOnly() throws Exception {
    assertThat(configuration(DeploymentMode.LOCAL, SmsSettings.Sender.OUTBOX).crossFieldProblems()).isEmpty();
    assertThat(configuration(DeploymentMode.TEST, SmsSettings.Sender.OUTBOX).crossFieldProblems())
        .contains("sms.sender OUTBOX is for mode LOCAL only; mode TEST must send through SNS");
    assertThat(configuration(DeploymentMode.PRODUCTION, SmsSettings.Sender.OUTBOX).crossFieldProblems())
        .anyMatch(p -> p.startsWith("sms.sender OUTBOX is for mode LOCAL only"));
  }

  @Test
  void productionRefusesTheLocalSecrets() throws Exception {
    assertThat(configuration(DeploymentMode.PRODUCTION, SmsSettings.Sender.SNS).crossFieldProblems()).contains(
        "phoneSecret is the local development key; mode PRODUCTION needs its own",
        "challenge.hmacKey is the local development key; mode PRODUCTION needs its own",
        "serviceClient.secret is the local development secret; mode PRODUCTION needs its own");
  }
}
