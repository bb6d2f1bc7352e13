package com.retail.identity.replayer.model;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.replayer.cli.ImportCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * Runs the event-replayer's import, as an operator would, on a one-row file: the customer as the
 * previous system exported them, with a legacy (bcrypt) hash of their password.
 */
final class Importer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong FILES = new AtomicLong();
  private final Path dir;
  private final String config;
  private final Map<String, String> legacyHashes = new ConcurrentHashMap<>();

  Importer(Path dir, String config) {
    this.dir = dir;
    this.config = config;
  }

  /** The exit code and what became of the row: IMPORTED, DUPLICATE, TAKEN, FAILED, or the rejection. */
  record Outcome(int exitCode, String outcome) {}

  Outcome importOne(String email, String firstName, String password) {
    long n = FILES.incrementAndGet();
    Path file = dir.resolve("customers-" + n + ".jsonl");
    Path rejects = dir.resolve("customers-" + n + ".rejects.jsonl");
    try {
      String hash = legacyHashes.computeIfAbsent(password, p -> BCrypt.withDefaults().hashToString(4, p.toCharArray()));
      Files.writeString(file, JSON.writeValueAsString(Map.of("email", email, "firstName", firstName, "lastName", "Imported",
          "country", "GB", "passwordHash", hash, "createdAt", "2019-04-01T10:15:30Z")) + "\n");
      ImportCommand command = new ImportCommand();
      int exit = new CommandLine(command).execute(file.toString(), "--config", config, "--rejects", rejects.toString());
      if (exit != 0 || command.summary() == null) {
        return new Outcome(exit, "ERROR");
      }
      ImportCommand.Summary summary = command.summary();
      if (summary.imported() == 1) {
        return new Outcome(exit, "IMPORTED");
      }
      if (summary.duplicates() == 1) {
        return new Outcome(exit, "DUPLICATE");
      }
      List<String> rejected = Files.readAllLines(rejects);
      String reason = rejected.isEmpty() ? "?" : JSON.readTree(rejected.get(0)).path("reason").asText();
      return new Outcome(exit, reason.startsWith("email already belongs") ? "TAKEN"
          : reason.startsWith("not written") ? "FAILED" : "REJECTED: " + reason);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
