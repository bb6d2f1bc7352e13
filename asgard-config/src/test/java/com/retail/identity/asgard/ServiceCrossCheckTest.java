package com.retail.identity.asgard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each cluster definition against the service it runs: its config/production.yml and
 * config/local.yml (ports, health path, Eureka name), what boot-env needs in user data, and
 * least-privilege IAM.
 */
class ServiceCrossCheckTest {
  /** Settings boot-env derives from instance metadata and size rather than from user data. */
  private static final Set<String> FROM_INSTANCE =
      Set.of("INSTANCE_IP", "INSTANCE_ID", "AVAILABILITY_ZONE", "AWS_REGION", "JAVA_OPTS");

  private static final Pattern SECRET_KEY = Pattern.compile(".*(SECRET|PASSWORD|TOKEN_KEY|_FILE)$");

  static Stream<Arguments> clusters() {
    List<Arguments> arguments = new ArrayList<>();
    for (String service : Clusters.SERVICES) {
      for (String environment : Clusters.ENVIRONMENTS) {
        arguments.add(Arguments.of(service, environment));
      }
    }
    return arguments.stream();
  }

  private static int port(JsonNode config, String connectors) {
    return config.path("server").path(connectors).get(0).path("port").asInt(-1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void describesTheServiceItIsNamedAfter(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    assertThat(cluster.path("service").path("module").asText()).isEqualTo(service);
    assertThat(cluster.path("environment").asText()).isEqualTo(environment);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void portsMatchTheServicesConfig(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    int appPort = cluster.path("service").path("appPort").asInt();
    int adminPort = cluster.path("service").path("adminPort").asInt();
    for (String config : List.of("production.yml", "local.yml")) {
      JsonNode yml = Clusters.serviceConfig(service, config);
      assertThat(port(yml, "applicationConnectors"))
          .as(service + " " + config + " application port")
          .isEqualTo(appPort);
      assertThat(port(yml, "adminConnectors"))
          .as(service + " " + config + " admin port")
          .isEqualTo(adminPort);
    }
  }

  /**
   * ELB listeners forward to the application port; the ELB health check asks the admin port's
   * /healthcheck.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void loadBalancerUsesTheApplicationPortAndTheAdminHealthCheck(
      String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    JsonNode lb = cluster.path("loadBalancer");
    int appPort = cluster.path("service").path("appPort").asInt();
    int adminPort = cluster.path("service").path("adminPort").asInt();
    assertThat(lb.path("listeners"))
        .allSatisfy(
            listener -> {
              assertThat(listener.path("instancePort").asInt()).isEqualTo(appPort);
              assertThat(listener.path("instanceProtocol").asText()).isEqualTo("HTTP");
            });
    assertThat(cluster.path("service").path("healthCheckPath").asText()).isEqualTo("/healthcheck");
    assertThat(lb.path("healthCheck").path("target").asText())
        .isEqualTo("HTTP:" + adminPort + "/healthcheck");
    // The services register the same path with Eureka (PlatformApplication), so Asgard and callers
    // agree.
    assertThat(
            Clusters.text(
                Clusters.ROOT.resolve(
                    "common/src/main/java/com/retail/identity/common/platform/PlatformApplication.java")))
        .contains("configuration.getEureka(), \"/healthcheck\"");
    assertThat(cluster.path("cluster").path("healthCheckType").asText()).isEqualTo("ELB");
  }

  /**
   * Asgard links an ASG to Eureka by application name. Asgard (Frigga) names allow no hyphen, so
   * the application name is the Eureka name lower-cased without hyphens (identical when Eureka has
   * none).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void namesMatchTheEurekaRegistration(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    String eurekaAppName = cluster.path("application").path("eurekaAppName").asText();
    for (String config : List.of("production.yml", "local.yml")) {
      assertThat(Clusters.serviceConfig(service, config).path("eureka").path("appName").asText())
          .as(service + " " + config + " eureka.appName")
          .isEqualTo(eurekaAppName);
    }
    assertThat(
            Clusters.serviceConfig(service, "production.yml")
                .path("eureka")
                .path("enabled")
                .asBoolean())
        .isTrue();
    String app = cluster.path("application").path("name").asText();
    assertThat(app).isEqualTo(eurekaAppName.toLowerCase(Locale.ROOT).replace("-", ""));
    assertThat(cluster.path("cluster").path("name").asText()).isEqualTo(app + "-" + environment);
    assertThat(cluster.path("loadBalancer").path("name").asText())
        .isEqualTo(app + "-" + environment);
    assertThat(cluster.path("iamRole").path("name").asText())
        .isEqualTo(app + "-" + environment + "-instance");
    assertThat(cluster.path("securityGroups").get(0).path("name").asText()).isEqualTo(app);
    assertThat(cluster.path("launchConfiguration").path("image").path("namePattern").asText())
        .isEqualTo("identity-" + service + "-*");
    assertThat(
            cluster
                .path("launchConfiguration")
                .path("image")
                .path("requiredTags")
                .path("service")
                .asText())
        .isEqualTo(service);
  }

  /**
   * A service with an internal API declares its internal connector (the second application
   * connector of production.yml, which production requires) at the port the cluster opens for it.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void internalPortMatchesTheServicesConfig(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    JsonNode connectors =
        Clusters.serviceConfig(service, "production.yml")
            .path("server")
            .path("applicationConnectors");
    if (service.equals("user-query")) {
      assertThat(cluster.path("service").has("internalPort")).isFalse();
      assertThat(connectors.size()).isEqualTo(1);
      return;
    }
    assertThat(connectors.size()).as(service + " application connectors").isEqualTo(2);
    assertThat(connectors.get(1).path("port").asInt())
        .as(service + " internal port")
        .isEqualTo(cluster.path("service").path("internalPort").asInt());
  }

  /**
   * The admin port (knobs, metrics, Hystrix stream) is reachable only from the ELB health check and
   * operators; the internal port only from the platform's own services.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void securityGroupOpensOnlyTheServicePorts(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    int appPort = cluster.path("service").path("appPort").asInt();
    int adminPort = cluster.path("service").path("adminPort").asInt();
    int internalPort = cluster.path("service").path("internalPort").asInt(-1);
    String elbGroup = cluster.path("loadBalancer").path("securityGroup").asText();
    boolean elbReachesBoth = false;
    for (JsonNode group : cluster.path("securityGroups")) {
      for (JsonNode rule : group.path("ingress")) {
        String from = rule.path("fromSecurityGroup").asText();
        List<Integer> ports = new ArrayList<>();
        rule.path("ports").forEach(p -> ports.add(p.asInt()));
        assertThat(ports).as("ports open to " + from).isSubsetOf(appPort, adminPort, internalPort);
        if (ports.contains(adminPort)) {
          assertThat(from).as("admin port open to").isIn(elbGroup, "identity-ops");
        }
        if (ports.contains(internalPort)) {
          assertThat(from).as("internal port open to").isEqualTo("identity-services");
        }
        elbReachesBoth |=
            from.equals(elbGroup) && ports.contains(appPort) && ports.contains(adminPort);
      }
    }
    assertThat(elbReachesBoth)
        .as("the ELB reaches the listener port and the health check port")
        .isTrue();
  }

  /** Only verification may send SMS; every role reads only its own secret references. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void iamRoleIsLeastPrivilege(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    boolean publishes = false;
    for (JsonNode statement : cluster.path("iamRole").path("policy").path("Statement")) {
      boolean allow = statement.path("Effect").asText().equals("Allow");
      List<String> actions = new ArrayList<>();
      statement.path("Action").forEach(a -> actions.add(a.asText()));
      List<String> resources = new ArrayList<>();
      statement.path("Resource").forEach(r -> resources.add(r.asText()));
      boolean smsStatement = actions.stream().anyMatch(a -> matches(a, "sns:Publish"));
      publishes |= allow && smsStatement;
      assertThat(actions)
          .as("no all-powerful action")
          .noneMatch(a -> a.equals("*") || a.endsWith(":*"));
      if (resources.contains("*")) {
        assertThat(actions)
            .as("only SMS publishing needs Resource *")
            .containsExactly("sns:Publish");
      }
      if (actions.stream().anyMatch(a -> a.startsWith("ssm:"))) {
        assertThat(resources)
            .allMatch(r -> r.endsWith(":parameter/identity/" + environment + "/" + service + "/*"));
      }
    }
    assertThat(publishes)
        .as(service + " may publish SMS (sns:Publish)")
        .isEqualTo(service.equals("verification"));
  }

  /**
   * IAM action patterns: '*' and '?' are wildcards, service prefixes and names compare
   * case-insensitively.
   */
  static boolean matches(String pattern, String action) {
    String regex =
        Pattern.quote(pattern.toLowerCase(Locale.ROOT))
            .replace("*", "\\E.*\\Q")
            .replace("?", "\\E.\\Q");
    return action.toLowerCase(Locale.ROOT).matches(regex);
  }

  /**
   * boot-env refuses to start without these; secrets are SSM references the role may read, never
   * values.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void userDataCarriesWhatProductionYmlNeeds(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    JsonNode userData = cluster.path("launchConfiguration").path("userData");
    List<String> required =
        Clusters.requiredVariables(service).stream()
            .filter(v -> !FROM_INSTANCE.contains(v))
            .toList();
    assertThat(required).isNotEmpty();
    assertThat(userData.fieldNames()).toIterable().as("user data keys").containsAll(required);
    userData
        .fields()
        .forEachRemaining(
            entry -> {
              String value = entry.getValue().asText();
              assertThat(value)
                  .as(entry.getKey())
                  .doesNotContain("127.0.0.1")
                  .doesNotContain("localhost");
              if (SECRET_KEY.matcher(entry.getKey()).matches()) {
                assertThat(value)
                    .as(entry.getKey() + " is a secret reference")
                    .startsWith("ssm:/identity/" + environment + "/" + service + "/");
              }
            });
    assertThat(Clusters.requiredVariables(service)).contains("INSTANCE_IP");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clusters")
  void sizesAreConsistent(String service, String environment) {
    JsonNode cluster = Clusters.cluster(service, environment);
    JsonNode asg = cluster.path("cluster");
    int min = asg.path("minSize").asInt();
    int desired = asg.path("desiredCapacity").asInt();
    int max = asg.path("maxSize").asInt();
    int zones = asg.path("availabilityZones").size();
    assertThat(min).isLessThanOrEqualTo(desired);
    assertThat(desired).isLessThanOrEqualTo(max);
    assertThat(min).as("at least one instance per availability zone").isGreaterThanOrEqualTo(zones);
    assertThat(asg.path("healthCheckGracePeriodSeconds").asInt())
        .as("grace covers JVM start and store connections")
        .isGreaterThanOrEqualTo(120);

    JsonNode actions = cluster.path("scaling").path("scheduledActions");
    assertThat(actions.size()).isEqualTo(2);
    JsonNode prescale = actions.get(0);
    JsonNode scaleDown = actions.get(1);
    assertThat(Instant.parse(prescale.path("startTime").asText()))
        .isBefore(Instant.parse(scaleDown.path("startTime").asText()));
    assertThat(prescale.path("desiredCapacity").asInt())
        .isGreaterThan(desired)
        .isLessThanOrEqualTo(max);
    assertThat(prescale.path("minSize").asInt())
        .isEqualTo(prescale.path("desiredCapacity").asInt());
    assertThat(scaleDown.path("minSize").asInt()).isEqualTo(min);
    assertThat(scaleDown.path("desiredCapacity").asInt()).isEqualTo(desired);

    List<String> policies = new ArrayList<>();
    cluster
        .path("scaling")
        .path("stepPolicies")
        .forEach(
            p ->
                policies.add(
                    p.path("alarm").path("metricName").asText()
                        + "/"
                        + p.path("alarm").path("comparison").asText()));
    assertThat(policies)
        .contains(
            "CPUUtilization/GreaterThanOrEqualToThreshold",
            "Latency/GreaterThanOrEqualToThreshold");
    cluster
        .path("scaling")
        .path("stepPolicies")
        .forEach(
            policy ->
                policy
                    .path("steps")
                    .forEach(
                        step ->
                            assertThat(Math.abs(step.path("adjustment").asInt()) % zones)
                                .as("steps keep the zones balanced")
                                .isZero()));

    for (JsonNode step : cluster.path("push").path("steps")) {
      if (step.path("type").asText().equals("Resize")) {
        assertThat(step.path("capacity").asInt()).isEqualTo(desired);
      }
    }
  }

  /** docs/capacity.md states the production sizes; it must say what the cluster files do. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("productionServices")
  void capacityPlanStatesTheProductionSizes(String service) {
    JsonNode cluster = Clusters.cluster(service, "prod");
    JsonNode asg = cluster.path("cluster");
    String row =
        "| "
            + service
            + " | "
            + cluster.path("launchConfiguration").path("instanceType").asText()
            + " | "
            + asg.path("minSize").asInt()
            + " | "
            + cluster
                .path("scaling")
                .path("scheduledActions")
                .get(0)
                .path("desiredCapacity")
                .asInt()
            + " | "
            + asg.path("maxSize").asInt()
            + " |";
    assertThat(Clusters.text(Clusters.ROOT.resolve("docs/capacity.md"))).contains(row);
  }

  static Stream<String> productionServices() {
    return Clusters.SERVICES.stream();
  }
}
