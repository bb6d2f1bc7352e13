package com.retail.identity.replayer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.retail.identity.replayer.core.ImportRow;
import com.retail.identity.replayer.core.UserGenerator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a synthetic users file in the import format. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Writes N synthetic existing users (JSON Lines or CSV, by the file's extension).")
public final class GenerateCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the file to write (.jsonl or .csv)")
  Path file;

  @Option(
      names = {"-n", "--users"},
      defaultValue = "1000",
      description = "how many users; default ${DEFAULT-VALUE}")
  long users;

  @Option(
      names = "--domain",
      defaultValue = "example.com",
      description = "email domain; default ${DEFAULT-VALUE}")
  String domain;

  @Option(
      names = "--malformed-every",
      defaultValue = "0",
      description = "make every Nth line malformed (0: none), to exercise the reject file")
  long malformedEvery;

  @Override
  public Integer call() throws Exception {
    boolean csv = file.getFileName().toString().endsWith(".csv");
    UserGenerator generator = new UserGenerator();
    ObjectWriter writer =
        csv
            ? new CsvMapper()
                .writerFor(ImportRow.class)
                .with(CsvMapper.builder().build().schemaFor(ImportRow.class).withoutHeader())
            : new ObjectMapper().writerFor(ImportRow.class);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        ProgressBar progress = ConsoleProgress.bar("generate", users, "users")) {
      if (csv) {
        out.write(
            String.join(
                ",", CsvMapper.builder().build().schemaFor(ImportRow.class).getColumnNames()));
        out.newLine();
      }
      for (long i = 0; i < users; i++) {
        String line =
            malformedEvery > 0 && (i + 1) % malformedEvery == 0
                ? malformed(i, csv)
                : writer.writeValueAsString(generator.row(i, domain)).strip();
        out.write(line);
        out.newLine();
        progress.step();
      }
    }
    System.out.printf("wrote %d users to %s%n", users, file);
    return 0;
  }

  /** A broken line of one of four kinds, so every kind of rejection is exercised. */
  static String malformed(long index, boolean csv) {
    return switch ((int) (index % 4)) {
      case 0 ->
          csv ? "\"unterminated,quote" : "{\"email\": \"broken-json-" + index + "@example.com\"";
      case 1 ->
          csv
              ? "not-an-email-" + index + ",Ada,Lovelace,GB,,false,,$2a$04$abcdefghijklmnopqrstuu,"
              : "{\"email\":\"not-an-email-"
                  + index
                  + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"country\":\"GB\","
                  + "\"passwordHash\":\"$2a$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz012\"}";
      case 2 ->
          csv
              ? "bad-country-" + index + "@example.com,Ada,Lovelace,XX,,false,,$2a$04$abc,"
              : "{\"email\":\"bad-country-"
                  + index
                  + "@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                  + "\"country\":\"XX\",\"passwordHash\":\"$2a$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz012\"}";
      default ->
          csv
              ? "bad-hash-" + index + "@example.com,Ada,Lovelace,GB,,false,,md5:0123abcd,"
              : "{\"email\":\"bad-hash-"
                  + index
                  + "@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                  + "\"country\":\"GB\",\"passwordHash\":\"md5:0123abcd\"}";
    };
  }
}
