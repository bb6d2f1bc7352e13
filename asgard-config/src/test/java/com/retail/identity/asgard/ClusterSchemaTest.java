package com.retail.identity.asgard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cluster definition against the JSON Schema kept beside it (draft 2020-12, formats
 * asserted).
 */
class ClusterSchemaTest {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final JsonSchema SCHEMA =
      FACTORY.getSchema(Clusters.json(Clusters.SCHEMA), CONFIG);

  static List<Path> files() {
    return Clusters.files();
  }

  private static Set<ValidationMessage> validate(JsonNode document) {
    return SCHEMA.validate(document);
  }

  @Test
  void theSchemaIsAValidDraft202012Schema() {
    JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
    assertThat(metaSchema.validate(Clusters.json(Clusters.SCHEMA))).isEmpty();
  }

  @Test
  void thereIsOneDefinitionPerServiceAndEnvironment() {
    List<Path> expected = new ArrayList<>();
    for (String service : Clusters.SERVICES) {
      for (String environment : Clusters.ENVIRONMENTS) {
        expected.add(Clusters.file(service, environment));
      }
    }
    assertThat(Clusters.files()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("files")
  void definitionMatchesTheSchema(Path file) {
    assertThat(validate(Clusters.json(file))).as(file.getFileName().toString()).isEmpty();
  }

  /** The schema has teeth: typical mistakes are rejected. */
  @Test
  void schemaRejectsTypicalMistakes() {
    JsonNode good = Clusters.cluster("user-command", "prod");

    ObjectNode hyphenatedApp = good.deepCopy();
    ((ObjectNode) hyphenatedApp.path("application")).put("name", "user-command");
    assertThat(validate(hyphenatedApp)).as("Frigga app names have no hyphen").isNotEmpty();

    ObjectNode noHealthCheck = good.deepCopy();
    ((ObjectNode) noHealthCheck.path("loadBalancer")).remove("healthCheck");
    assertThat(validate(noHealthCheck)).isNotEmpty();

    ObjectNode badTime = good.deepCopy();
    ((ObjectNode) badTime.path("scaling").path("scheduledActions").get(0))
        .put("startTime", "tomorrow 9am");
    assertThat(validate(badTime)).as("startTime is an RFC 3339 date-time").isNotEmpty();

    ObjectNode imdsV1 = good.deepCopy();
    ((ObjectNode) imdsV1.path("launchConfiguration")).put("requireImdsV2", false);
    assertThat(validate(imdsV1)).isNotEmpty();

    ObjectNode unknownKey = good.deepCopy();
    ((ObjectNode) unknownKey.path("cluster")).put("desired", 3);
    assertThat(validate(unknownKey)).as("a misspelt key is not silently ignored").isNotEmpty();

    ObjectNode httpsWithoutCertificate = good.deepCopy();
    ((ObjectNode) httpsWithoutCertificate.path("loadBalancer").path("listeners").get(0))
        .remove("sslCertificateId");
    assertThat(validate(httpsWithoutCertificate)).isNotEmpty();
  }
}
