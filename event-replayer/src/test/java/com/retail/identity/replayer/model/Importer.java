package com.retail.identity.replayer.model;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.replayer.cli.ImportRunner;
import com.retail.identity.replayer.core.ImportFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports one-row files with the event-replayer's import, as an operator would: the customer as the
 * previous system exported them, with a legacy (bcrypt) hash of their password. One load runs at a
 * time, as one operator runs one import job; registrations and changes go on beside it.
 */
final class Importer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong FILES = new AtomicLong();
  private final Path dir;
  private final ImportRunner runner;
  private final Map<String, String> legacyHashes = new ConcurrentHashMap<>();

  Importer(Path dir, ImportRunner runner) {
    this.dir = dir;
    this.runner = runner;
  }

  /**
   * What became of the row: IMPORTED, DUPLICATE, ERASED, TAKEN, FAILED, or REJECTED with the
   * reason.
   */
  String importOne(String email, String firstName, String password) {
    long n = FILES.incrementAndGet();
    Path file = dir.resolve("customers-" + n + ".jsonl");
    Path rejects = dir.resolve("customers-" + n + ".rejects.jsonl");
    try {
      String hash =
          legacyHashes.computeIfAbsent(
              password, p -> BCrypt.withDefaults().hashToString(4, p.toCharArray()));
      Files.writeString(
          file,
          JSON.writeValueAsString(
                  Map.of(
                      "email",
                      email,
                      "firstName",
                      firstName,
                      "lastName",
                      "Imported",
                      "country",
                      "GB",
                      "passwordHash",
                      hash,
                      "createdAt",
                      "2019-04-01T10:15:30Z"))
              + "\n");
      ImportFile.Summary summary;
      synchronized (runner) {
        summary = runner.importFile(file, rejects);
      }
      if (summary.imported() == 1) {
        return "IMPORTED";
      }
      if (summary.duplicates() == 1) {
        return "DUPLICATE";
      }
      if (summary.erased() == 1) {
        return "ERASED"; // the customer erased this account: never written back
      }
      List<String> rejected = Files.readAllLines(rejects);
      String reason =
          rejected.isEmpty() ? "?" : JSON.readTree(rejected.get(0)).path("reason").asText();
      return reason.startsWith("email already belongs")
          ? "TAKEN"
          : reason.startsWith("not written") ? "FAILED" : "REJECTED: " + reason;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the import did not run", e);
    }
  }
}
