package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boot-env, the unit's ExecStartPre, run for real against a stub instance metadata service and a
 * stub AWS CLI: settings come from user data, secrets from SSM references, the heap from the
 * instance's memory.
 */
class BootEnvTest {
  private static final long MEM_TOTAL_KIB =
      7_868_000; // what /proc/meminfo shows on an 8 GiB instance
  private static final String USER_DATA =
      """
      # identity prod user-command
      EUREKA_URL=http://eureka-a.prod.internal:8761/eureka/,http://eureka-b.prod.internal:8761/eureka/
      CORS_ALLOWED_ORIGINS=https://www.retail.example,https://m.retail.example
      CASSANDRA_CONTACT_POINTS=10.0.1.10,10.0.2.10,10.0.3.10
      CASSANDRA_DC=us-east
      REDIS_HOST=identity-redis.prod.internal
      TOKEN_ISSUER=https://identity.retail.example
      SIGNING_KEY_FILE=ssm:/identity/prod/user-command/signing-keys
      EMAIL_LOOKUP_SECRET=ssm:/identity/prod/user-command/email-lookup-secret
      MASTER_KEY_ID=prod-1
      MASTER_KMS_KEY_ID=alias/identity-prod-master
      OPERATOR_TOKEN=ssm:/identity/prod/user-command/operator-token
      VERIFICATION_CLIENT_SECRET=ssm:/identity/prod/user-command/verification-client-secret
      TRUSTED_PROXIES=10.0.0.10
      EMAIL_FROM=no-reply@retail.example
      CHALLENGE_HMAC_SECRET=ssm:/identity/prod/user-command/challenge-hmac-secret
      knob.identity.launch.mode=false
      """;

  @TempDir Path dir;
  private StubHttp imds;
  private Path runDir;

  @BeforeEach
  void stubInstance() throws IOException {
    imds =
        new StubHttp()
            .answer("PUT", "/latest/api/token", "session-token")
            .answer("GET", "/latest/meta-data/local-ipv4", "10.0.3.17")
            .answer("GET", "/latest/meta-data/instance-id", "i-0123456789abcdef0")
            .answer("GET", "/latest/meta-data/placement/region", "us-east-1")
            .answer("GET", "/latest/meta-data/placement/availability-zone", "us-east-1b");
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.copy(Repo.productionYml("user-command"), etc.resolve("production.yml"));
    runDir = Files.createDirectories(dir.resolve("run"));
    Files.writeString(
        dir.resolve("meminfo"), "MemTotal:        " + MEM_TOTAL_KIB + " kB\nMemFree: 1 kB\n");
    // Stands in for `aws ssm get-parameter ... --name N ...`: answers "value-of:N".
    Path aws = dir.resolve("aws");
    Files.writeString(
        aws,
        """
        #!/usr/bin/env bash
        while (($#)); do if [[ $1 == --name ]]; then echo "value-of:$2"; exit 0; fi; shift; done
        exit 1
        """);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stopStub() {
    imds.close();
  }

  private Tool.Result bootEnv(String userData, Map<String, String> extraEnv) {
    if (userData != null) {
      imds.answer("GET", "/latest/user-data", userData);
    }
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "ETC_DIR", dir.resolve("etc").toString(),
                "RUN_DIR", runDir.toString(),
                "SERVICE_USER", System.getProperty("user.name"),
                "IMDS", imds.url(),
                "MEMINFO", dir.resolve("meminfo").toString(),
                "AWS_CLI", dir.resolve("aws").toString()));
    env.putAll(extraEnv);
    return Tool.run(Repo.BAKE, env, List.of("bash", "files/bin/boot-env", "user-command"));
  }

  private Map<String, String> serviceEnv() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Repo.read(runDir.resolve("service.env")).split("\n")) {
      Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*)='(.*)'$").matcher(line);
      assertThat(m.matches()).as("systemd EnvironmentFile line: " + line).isTrue();
      values.put(m.group(1), m.group(2));
    }
    return values;
  }

  @Test
  void writesTheServiceEnvironmentFromUserDataAndInstanceMetadata() throws IOException {
    Tool.Result result = bootEnv(USER_DATA, Map.of());
    assertThat(result.exitCode()).as(result.output()).isZero();
    Map<String, String> env = serviceEnv();
    assertThat(env)
        .containsEntry("INSTANCE_IP", "10.0.3.17")
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("AVAILABILITY_ZONE", "us-east-1b")
        .containsEntry(
            "EUREKA_URL",
            "http://eureka-a.prod.internal:8761/eureka/,http://eureka-b.prod.internal:8761/eureka/")
        .containsEntry("REDIS_HOST", "identity-redis.prod.internal");
    assertThat(imds.tokenHeaders)
        .as("IMDSv2 session token on every read")
        .isNotEmpty()
        .allMatch("session-token"::equals);
    assertThat(Files.getPosixFilePermissions(runDir.resolve("service.env")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Repo.read(runDir.resolve("knobs.properties")))
        .contains("\nidentity.launch.mode=false\n");
  }

  @Test
  void resolvesSecretReferencesWithoutPrintingThem() throws IOException {
    Tool.Result result = bootEnv(USER_DATA, Map.of());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("value-of:");
    Map<String, String> env = serviceEnv();
    assertThat(env)
        .containsEntry(
            "EMAIL_LOOKUP_SECRET", "value-of:/identity/prod/user-command/email-lookup-secret");
    Path keyFile = runDir.resolve("secrets/signing_key_file");
    assertThat(env).containsEntry("SIGNING_KEY_FILE", keyFile.toString());
    assertThat(Repo.read(keyFile)).isEqualTo("value-of:/identity/prod/user-command/signing-keys\n");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("r--------"));
  }

  @Test
  void sizesTheHeapFromTheInstanceMemory() {
    Tool.Result result = bootEnv(USER_DATA, Map.of());
    assertThat(result.exitCode()).as(result.output()).isZero();
    long heapMib = MEM_TOTAL_KIB * 55 / 100 / 1024;
    long directMib = MEM_TOTAL_KIB * 15 / 100 / 1024;
    assertThat(serviceEnv().get("JAVA_OPTS"))
        .contains("-Xms" + heapMib + "m -Xmx" + heapMib + "m")
        .contains("-XX:MaxDirectMemorySize=" + directMib + "m")
        .contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(result.output()).contains("heap " + heapMib + " MiB");
  }

  @Test
  void heapShareCanBeTunedInUserDataWithinBounds() {
    Tool.Result tuned = bootEnv(USER_DATA + "JVM_HEAP_PERCENT=40\n", Map.of());
    assertThat(tuned.exitCode()).as(tuned.output()).isZero();
    assertThat(serviceEnv().get("JAVA_OPTS"))
        .contains("-Xmx" + (MEM_TOTAL_KIB * 40 / 100 / 1024) + "m");

    Tool.Result tooBig = bootEnv(USER_DATA + "JVM_HEAP_PERCENT=90\n", Map.of());
    assertThat(tooBig.exitCode()).isNotZero();
    assertThat(tooBig.output()).contains("JVM_HEAP_PERCENT must be 30..75");
  }

  /**
   * Asgard's default user data provider writes {@code export NETFLIX_...=...} lines; they may sit
   * beside ours.
   */
  @Test
  void acceptsExportLinesAsAsgardWritesThem() {
    Tool.Result result =
        bootEnv(
            "export NETFLIX_ENVIRONMENT=prod\nexport NETFLIX_APP=usercommand\n" + USER_DATA,
            Map.of());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(serviceEnv())
        .containsEntry("NETFLIX_APP", "usercommand")
        .containsEntry("CASSANDRA_DC", "us-east");
  }

  @Test
  void refusesToStartWhenUserDataLacksASettingTheConfigNeeds() {
    Tool.Result result = bootEnv(USER_DATA.replaceAll("(?m)^REDIS_HOST=.*\n", ""), Map.of());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output().strip())
        .isEqualTo("boot-env[user-command]: user data lacks REDIS_HOST");
  }

  @Test
  void refusesToStartWithoutUserData() {
    Tool.Result result = bootEnv(null, Map.of());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("no user data");
  }

  @Test
  void rejectsUserDataThatIsNotKeyValueWithoutEchoingTheValue() {
    Tool.Result result = bootEnv(USER_DATA + "#!/bin/bash\nrm -rf / # s3cr3t\n", Map.of());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("neither KEY=VALUE").doesNotContain("s3cr3t");
  }
}
