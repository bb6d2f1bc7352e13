package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Packer template, as CI checks it: `packer validate` (Debian package packer 1.6.6, offline).
 */
class PackerTemplateTest {
  static final List<String> SERVICES = Repo.SERVICES;

  @ParameterizedTest
  @FieldSource("SERVICES")
  void syntaxOnlyValidationPassesForEveryService(String service) {
    Tool.Result result =
        Tool.run(
            Repo.BAKE,
            List.of(
                "packer",
                "validate",
                "-syntax-only",
                "-var",
                "service=" + service,
                Repo.TEMPLATE.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /**
   * Full validation also rejects unknown builder keys and missing upload sources. It runs offline
   * against a staged copy of what `mvn package` produces, so it needs no AWS and no built services.
   */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void fullValidationPassesAgainstTheMavenBuildLayout(String service, @TempDir Path repo)
      throws IOException {
    stageBuildOutput(repo, service);
    Tool.Result result =
        Tool.run(
            Repo.BAKE,
            List.of(
                "packer",
                "validate",
                "-var",
                "service=" + service,
                "-var",
                "repo_root=" + repo,
                "-var",
                "app_version=0.1.0-SNAPSHOT",
                Repo.TEMPLATE.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void fullValidationFailsWhenTheServiceJarWasNotBuilt(@TempDir Path repo) throws IOException {
    stageBuildOutput(repo, "user-command");
    Files.delete(repo.resolve("user-command/target/user-command.jar"));
    Tool.Result result =
        Tool.run(
            Repo.BAKE,
            List.of(
                "packer",
                "validate",
                "-var",
                "service=user-command",
                "-var",
                "repo_root=" + repo,
                Repo.TEMPLATE.toString()));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("user-command.jar");
  }

  @Test
  void templateBakesFromACurrentLtsBaseAndTagsTheBuild() throws IOException {
    JsonNode template = new ObjectMapper().readTree(Repo.TEMPLATE.toFile());
    JsonNode builder = template.path("builders").get(0);
    assertThat(builder.path("type").asText()).isEqualTo("amazon-ebs");
    assertThat(template.path("variables").path("base_ami_name").asText())
        .contains("ubuntu-noble-24.04");
    assertThat(template.path("variables").path("base_ami_owner").asText())
        .as("Canonical's account")
        .isEqualTo("099720109477");
    assertThat(template.path("variables").path("service").isNull())
        .as("service must be given with -var")
        .isTrue();
    assertThat(builder.path("ami_name").asText())
        .contains("{{user `service`}}")
        .contains("{{timestamp}}");
    assertThat(builder.path("tags").fieldNames())
        .toIterable()
        .contains("service", "app_version", "git_commit", "appversion", "base_ami_id");
    assertThat(builder.has("access_key") || builder.has("secret_key"))
        .as("credentials come from the CI role")
        .isFalse();
  }

  private static void stageBuildOutput(Path repo, String service) throws IOException {
    Path target = Files.createDirectories(repo.resolve(service).resolve("target/lib"));
    Files.writeString(target.resolveSibling(service + ".jar"), "jar");
    Files.writeString(target.resolve("dependency.jar"), "jar");
    Path config = Files.createDirectories(repo.resolve(service).resolve("config"));
    Files.copy(Repo.productionYml(service), config.resolve("production.yml"));
  }
}
