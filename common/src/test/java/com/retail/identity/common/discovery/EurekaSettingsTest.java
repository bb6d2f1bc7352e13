package com.retail.identity.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

class EurekaSettingsTest {
  private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
  private final Validator validator = Validators.newValidator();

  @Test
  void givenOnlyAnAppName_whenRead_thenDefaultsApply() throws Exception {
    EurekaSettings s = yaml.readValue("appName: USER-COMMAND\n", EurekaSettings.class);

    assertThat(s.isEnabled()).isTrue();
    assertThat(s.getServiceUrl()).isEqualTo("http://127.0.0.1:8761/eureka/");
    assertThat(s.getVipAddress()).isEqualTo("user-command");
    assertThat(s.getHostname()).isEqualTo("127.0.0.1");
    assertThat(s.getLeaseRenewalSeconds()).isEqualTo(5);
    assertThat(s.getLeaseExpirationSeconds()).isEqualTo(15);
    assertThat(s.getRegistryFetchSeconds()).isEqualTo(5);
    assertThat(validator.validate(s)).isEmpty();
  }

  @Test
  void givenEveryField_whenRead_thenTheyAreKept() throws Exception {
    EurekaSettings s =
        yaml.readValue(
            """
        enabled: true
        serviceUrl: http://10.0.0.1:8761/eureka/,http://10.0.0.2:8761/eureka/
        appName: USER-QUERY
        vipAddress: users-read
        hostname: 10.1.2.3
        leaseRenewalSeconds: 10
        leaseExpirationSeconds: 30
        registryFetchSeconds: 7
        """,
            EurekaSettings.class);

    assertThat(s.getVipAddress()).isEqualTo("users-read");
    assertThat(s.getHostname()).isEqualTo("10.1.2.3");
    assertThat(s.getLeaseExpirationSeconds()).isEqualTo(30);
    assertThat(new CodeClientConfig(s).getEurekaServerServiceUrls("defaultZone"))
        .containsExactly("http://10.0.0.1:8761/eureka/", "http://10.0.0.2:8761/eureka/");
    assertThat(validator.validate(s)).isEmpty();
  }

  @Test
  void givenEnabledWithoutAppName_whenValidated_thenRejected() throws Exception {
    EurekaSettings s = yaml.readValue("enabled: true\n", EurekaSettings.class);

    assertThat(validator.validate(s))
        .extracting(v -> v.getMessage())
        .contains("appName is required when eureka is enabled");
  }

  @Test
  void givenDisabledWithoutAppName_whenValidated_thenAccepted() throws Exception {
    EurekaSettings s = yaml.readValue("enabled: false\n", EurekaSettings.class);

    assertThat(validator.validate(s)).isEmpty();
  }

  @Test
  void givenLeaseExpiryNotAboveRenewal_whenValidated_thenRejected() throws Exception {
    EurekaSettings s =
        yaml.readValue(
            "appName: A\nleaseRenewalSeconds: 10\nleaseExpirationSeconds: 10\n",
            EurekaSettings.class);

    assertThat(validator.validate(s)).isNotEmpty();
  }

  @Test
  void givenOneSecondPeriods_whenValidated_thenBothAreRejected() throws Exception {
    EurekaSettings s =
        yaml.readValue(
            "appName: A\nleaseRenewalSeconds: 1\nregistryFetchSeconds: 1\n", EurekaSettings.class);

    assertThat(validator.validate(s))
        .extracting(v -> v.getPropertyPath().toString())
        .containsExactlyInAnyOrder("leaseRenewalSeconds", "registryFetchSeconds");
  }

  @Test
  void givenSettingsAndPorts_whenBuildingTheInstanceConfig_thenIdAndUrlsUseTheRealPorts() {
    EurekaSettings s = EurekaSettings.forApp("USER-COMMAND");

    CodeInstanceConfig c = new CodeInstanceConfig(s, 41000, 41001, "/healthcheck");

    assertThat(c.getInstanceId()).isEqualTo("127.0.0.1:user-command:41000");
    assertThat(c.getHealthCheckUrl()).isEqualTo("http://127.0.0.1:41001/healthcheck");
    assertThat(c.getStatusPageUrl()).isEqualTo("http://127.0.0.1:41001/");
    assertThat(c.getHomePageUrl()).isEqualTo("http://127.0.0.1:41000/");
    assertThat(c.getVirtualHostName()).isEqualTo("user-command");
  }
}
