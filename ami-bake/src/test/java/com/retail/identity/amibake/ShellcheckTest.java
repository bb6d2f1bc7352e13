package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every provisioning, boot and stop script passes shellcheck (Debian package shellcheck). */
class ShellcheckTest {

  /** Scripts are found by their shebang, so a new one cannot escape the check. */
  static List<Path> scripts() throws IOException {
    List<Path> scripts = new ArrayList<>();
    for (Path dir :
        List.of(Repo.BAKE, Repo.BAKE.resolve("scripts"), Repo.BAKE.resolve("files/bin"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(Files::isRegularFile)
            .filter(ShellcheckTest::isShellScript)
            .sorted()
            .forEach(scripts::add);
      }
    }
    return scripts;
  }

  private static boolean isShellScript(Path file) {
    String text = Repo.read(file);
    return text.startsWith("#!/usr/bin/env bash")
        || text.startsWith("#!/bin/bash")
        || text.startsWith("#!/bin/sh");
  }

  @Test
  void everyScriptPassesShellcheck() throws IOException {
    List<Path> scripts = scripts();
    assertThat(scripts)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "bake.sh",
            "install-runtime.sh",
            "install-service.sh",
            "verify-image.sh",
            "boot-env",
            "eureka-drain",
            "service-facts");
    List<String> command =
        new ArrayList<>(List.of("shellcheck", "--severity=style", "--external-sources"));
    scripts.forEach(p -> command.add(p.toString()));
    Tool.Result result = Tool.run(Repo.BAKE, command);
    assertThat(result.exitCode()).as("shellcheck findings:%n%s", result.output()).isZero();
  }

  @Test
  void scriptsStopAtTheFirstError() throws IOException {
    for (Path script : scripts()) {
      assertThat(Repo.read(script))
          .as(script.toString())
          .containsPattern("(?m)^set -[a-z]*u[a-z]*o pipefail");
      assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
    }
  }
}
