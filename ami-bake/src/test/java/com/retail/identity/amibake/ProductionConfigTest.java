package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The config/production.yml the AMI bakes: a real production configuration for the service's own
 * Configuration class, with every environment-specific value and secret left to user data.
 */
class ProductionConfigTest {
  static final List<String> SERVICES = Repo.SERVICES;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What boot-env would write from a production instance's user data (made-up values). */
  static final Map<String, String> BOOT_ENV =
      Map.ofEntries(
          Map.entry(
              "EUREKA_URL",
              "http://eureka-a.prod.internal:8761/eureka/,http://eureka-b.prod.internal:8761/eureka/"),
          Map.entry("INSTANCE_IP", "10.0.3.17"),
          Map.entry("CORS_ALLOWED_ORIGINS", "https://www.retail.example,https://m.retail.example"),
          Map.entry("CASSANDRA_CONTACT_POINTS", "10.0.1.10,10.0.2.10,10.0.3.10"),
          Map.entry("CASSANDRA_DC", "us-east"),
          Map.entry("REDIS_HOST", "identity-redis.prod.internal"),
          Map.entry("TOKEN_ISSUER", "https://identity.retail.example"),
          Map.entry("SIGNING_KEY_FILE", "/run/user-command/secrets/signing_key_file"),
          Map.entry("EMAIL_LOOKUP_SECRET", "cHJvZHVjdGlvbi1zZWNyZXQtZnJvbS1zc20tMDAwMDAwMDAwMDAw"),
          Map.entry("MASTER_KEY_ID", "prod-1"),
          Map.entry("PHONE_SECRET", "cHJvZHVjdGlvbi1waG9uZS1zZWNyZXQtZnJvbS1zc20tMDA="),
          Map.entry("CHALLENGE_HMAC_SECRET", "production-challenge-hmac-secret-from-ssm-0000"),
          Map.entry("VERIFICATION_CLIENT_SECRET", "cHJvZHVjdGlvbi12ZXJpZmljYXRpb24tc2VjcmV0"),
          Map.entry("TRUSTED_PROXIES", "10.0.0.10"),
          Map.entry("EMAIL_FROM", "no-reply@retail.example"),
          Map.entry("MASTER_KMS_KEY_ID", "alias/identity-prod-master"),
          Map.entry("SEARCH_KEY", "cHJvZHVjdGlvbi1zZWFyY2gta2V5LWZyb20tc3NtLTAwMDA="),
          Map.entry("OPERATOR_TOKEN", "production-operator-token-from-ssm-00000000"),
          Map.entry(
              "SEARCH_URLS",
              "https://search-a.prod.internal:443,https://search-b.prod.internal:443"),
          Map.entry("COUCHBASE_HOST", "couchbase.prod.internal"),
          Map.entry("COUCHBASE_USERNAME", "profiles"),
          Map.entry("COUCHBASE_PASSWORD", "from-ssm"));

  private static Class<? extends PlatformConfiguration> configurationClass(String service) {
    return switch (service) {
      case "user-command" -> UserCommandConfiguration.class;
      case "user-query" -> UserQueryConfiguration.class;
      case "verification" -> VerificationConfiguration.class;
      default -> throw new IllegalArgumentException(service);
    };
  }

  /**
   * Dropwizard's loader, but strict: an unknown (misspelt) key fails here even though the services
   * ignore it.
   */
  static <T extends PlatformConfiguration> T load(Class<T> type, Path yml)
      throws IOException, ConfigurationException {
    StringSubstitutor substitutor = new StringSubstitutor(BOOT_ENV);
    substitutor.setEnableUndefinedVariableException(true);
    YamlConfigurationFactory<T> factory =
        new YamlConfigurationFactory<>(
            type,
            Validators.newValidator(),
            Jackson.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES),
            "dw");
    return factory.build(
        new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
        yml.toString());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void loadsAndValidatesWithTheServicesOwnConfigurationClass(String service) throws Exception {
    PlatformConfiguration configuration =
        load(configurationClass(service), Repo.productionYml(service));
    assertThat(configuration.getMode().isProduction()).isTrue();
    assertThat(configuration.crossFieldProblems()).isEmpty();
    assertThat(configuration.getEureka().isEnabled()).isTrue();
    assertThat(configuration.getEureka().getHostname()).isEqualTo("10.0.3.17");
  }

  @Test
  void aMisspeltKeyFailsTheCheck(@TempDir Path dir) throws IOException {
    Path yml = dir.resolve("production.yml");
    Files.writeString(
        yml,
        Repo.read(Repo.productionYml("verification"))
            .replace("  manageSchema: false", "  manageSchma: false"));
    assertThatThrownBy(() -> load(VerificationConfiguration.class, yml))
        .hasMessageContaining("manageSchma");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void isProductionShaped(String service) throws IOException {
    String text = Repo.read(Repo.productionYml(service));
    JsonNode yml = YAML.readTree(substituted(service));
    assertThat(yml.path("mode").asText()).isEqualTo("PRODUCTION");
    for (String connectors : List.of("applicationConnectors", "adminConnectors")) {
      assertThat(yml.path("server").path(connectors).get(0).path("bindHost").asText())
          .isEqualTo("0.0.0.0");
    }
    assertThat(yml.path("cassandra").path("manageSchema").asBoolean(true)).isFalse();
    assertThat(text)
        .doesNotContain("127.0.0.1")
        .doesNotContain("localhost")
        .doesNotContain("type: console")
        .as("no local fallbacks: every ${VAR} must come from user data")
        .doesNotContain(":-");
    List<JsonNode> appenders = new ArrayList<>();
    yml.path("logging").path("appenders").forEach(appenders::add);
    yml.path("server").path("requestLog").path("appenders").forEach(appenders::add);
    assertThat(appenders)
        .isNotEmpty()
        .allSatisfy(
            appender -> {
              assertThat(appender.path("type").asText()).isEqualTo("file");
              assertThat(appender.path("currentLogFilename").asText())
                  .startsWith("/var/log/" + service + "/");
            });
    assertThat(yml.path("knobFile").asText()).isEqualTo("/run/" + service + "/knobs.properties");
  }

  /**
   * Same keys as local.yml: production may add a key (e.g. shutdownGracePeriod) but never drop one.
   */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void hasEveryKeyOfLocalYml(String service) throws IOException {
    JsonNode local = YAML.readTree(localDefaults(service));
    JsonNode production = YAML.readTree(substituted(service));
    assertThat(fieldNames(production))
        .as("top-level keys")
        .containsExactlyInAnyOrderElementsOf(fieldNames(local));
    assertContainsKeys("", local, production);
  }

  /**
   * The file as the service reads it: placeholders replaced (a flow list like [${X}] is YAML only
   * then).
   */
  private static String substituted(String service) {
    return new StringSubstitutor(BOOT_ENV).replace(Repo.read(Repo.productionYml(service)));
  }

  /** local.yml as a local run reads it with no variable set: every placeholder at its default. */
  private static String localDefaults(String service) {
    return new StringSubstitutor(Map.of())
        .replace(Repo.read(Repo.ROOT.resolve(service).resolve("config/local.yml")));
  }

  /** Same log lines as local mode (request ids included), only written to files. */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void logsTheSameLinesAsLocalYml(String service) throws IOException {
    JsonNode local = YAML.readTree(localDefaults(service));
    JsonNode production = YAML.readTree(substituted(service));
    for (String path :
        List.of("/server/requestLog/appenders/0/logFormat", "/logging/appenders/0/logFormat")) {
      assertThat(production.at(path).asText())
          .as(service + " " + path)
          .isEqualTo(local.at(path).asText())
          .isNotEmpty();
    }
    assertThat(production.at("/logging/loggers")).isEqualTo(local.at("/logging/loggers"));
    // Query strings carry tokens and personal data: the request log has method and path only
    assertThat(production.at("/server/requestLog/appenders/0/logFormat").asText())
        .as(service + " request log")
        .doesNotContainPattern("%(r|q|requestURL|queryString)(?![A-Za-z])");
  }

  private static void assertContainsKeys(String path, JsonNode local, JsonNode production) {
    if (!local.isObject()) {
      return;
    }
    for (String key : fieldNames(local)) {
      if (key.equals("loggers")) {
        continue; // levels, not structure
      }
      assertThat(production.has(key)).as("production.yml has " + path + key).isTrue();
      assertContainsKeys(path + key + ".", local.get(key), production.get(key));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
