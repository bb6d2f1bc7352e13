package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing that goes into an image carries a secret: secrets are SSM references in user data,
 * resolved at boot.
 */
class NoBakedSecretsTest {
  private static final List<Pattern> SECRET_PATTERNS =
      List.of(
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
          Pattern.compile("(?i)aws_secret_access_key\\s*[=:]"),
          Pattern.compile("\"d\"\\s*:\\s*\""), // private part of a JWK
          Pattern.compile(
              "(?i)^\\s*[a-z_]*(password|secret)[a-z_]*\\s*:\\s*(?![\"']?\\$\\{)[^\\s#]"), // YAML
          // key
          // with a
          // literal value
          Pattern.compile(
              "bG9jYWwtb25seS1lbWFpbC1sb29rdXAta2V5")); // the local-only email lookup secret

  /**
   * Everything the bake uploads: the template, its scripts and files, and each service's
   * production.yml.
   */
  static List<Path> bakedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("packer", "scripts", "files")) {
      try (Stream<Path> walk = Files.walk(Repo.BAKE.resolve(dir))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    files.add(Repo.BAKE.resolve("bake.sh"));
    Repo.SERVICES.forEach(service -> files.add(Repo.productionYml(service)));
    return files;
  }

  @Test
  void noSecretValueIsBaked() throws IOException {
    List<String> findings = new ArrayList<>();
    for (Path file : bakedFiles()) {
      String[] lines = Repo.read(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        for (Pattern pattern : SECRET_PATTERNS) {
          if (pattern.matcher(lines[i]).find()) {
            findings.add(Repo.ROOT.relativize(file) + ":" + (i + 1) + " matches " + pattern);
          }
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void thePatternsCatchWhatTheyAreFor() {
    List<String> leaks =
        List.of(
            "emailLookupSecret: bG9jYWwtb25seS1lbWFpbC1sb29rdXAta2V5LTAwMDAwMDAwMDA=",
            "  password: profiles-pass",
            "{\"kty\":\"EC\",\"d\":\"abc\"}",
            "-----BEGIN EC PRIVATE KEY-----",
            "key=AKIAABCDEFGHIJKLMNOP");
    for (String leak : leaks) {
      assertThat(SECRET_PATTERNS).as(leak).anyMatch(p -> p.matcher(leak).find());
    }
    for (String reference :
        List.of("  password: ${COUCHBASE_PASSWORD}", "emailLookupSecret: ${EMAIL_LOOKUP_SECRET}")) {
      assertThat(SECRET_PATTERNS).as(reference).noneMatch(p -> p.matcher(reference).find());
    }
  }
}
