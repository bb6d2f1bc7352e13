package com.retail.identity.asgard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cluster definitions and the service configs they must agree with. Tests run in the module
 * directory.
 */
final class Clusters {
  static final List<String> SERVICES = List.of("user-command", "user-query", "verification");
  static final List<String> ENVIRONMENTS = List.of("test", "prod");

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path ROOT = MODULE.getParent();
  static final Path DIR = MODULE.resolve("clusters");
  static final Path SCHEMA = DIR.resolve("cluster.schema.json");

  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-([^}]*))?}");

  private Clusters() {}

  /** Every cluster definition: clusters/*.json except the schema. */
  static List<Path> files() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.equals(SCHEMA))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file(String service, String environment) {
    return DIR.resolve(service + "-" + environment + ".json");
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode cluster(String service, String environment) {
    return json(file(service, environment));
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A service's config/&lt;name&gt;.yml as YAML, with each {@code ${VAR:-default}} replaced by its
   * default and each {@code ${VAR}} (production: set from user data at boot) by the placeholder
   * text {@code VAR}.
   */
  static JsonNode serviceConfig(String service, String name) {
    String text = text(ROOT.resolve(service).resolve("config").resolve(name));
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          resolved, Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : m.group(1)));
    }
    m.appendTail(resolved);
    try {
      return YAML.readTree(resolved.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(service + "/config/" + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code ${VAR}} names (no default) a service's production.yml needs at boot, comments
   * excluded.
   */
  static List<String> requiredVariables(String service) {
    String text =
        text(ROOT.resolve(service).resolve("config/production.yml"))
            .replaceAll("(?m)^\\s*#.*$", "");
    return PLACEHOLDER
        .matcher(text)
        .results()
        .filter(r -> r.group(2) == null)
        .map(r -> r.group(1))
        .distinct()
        .toList();
  }
}
