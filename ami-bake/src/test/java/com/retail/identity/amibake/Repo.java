package com.retail.identity.amibake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Paths of the bake and of the services it bakes. Tests run with the module directory as working
 * directory.
 */
final class Repo {
  static final List<String> SERVICES = List.of("user-command", "user-query", "verification");

  static final Path BAKE = Path.of("").toAbsolutePath();
  static final Path ROOT = BAKE.getParent();
  static final Path TEMPLATE = BAKE.resolve("packer/service.json");

  private Repo() {}

  static Path productionYml(String service) {
    return ROOT.resolve(service).resolve("config/production.yml");
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
