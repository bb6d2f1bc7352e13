package com.retail.identity.replayer.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads an import file line by line: JSON Lines ({@code .jsonl}) or CSV with a header row ({@code
 * .csv}). A line that does not parse becomes a numbered rejection, never the end of the load.
 */
public final class ImportSource implements Iterator<ImportSource.Line>, AutoCloseable {
  /**
   * A line of the file: its number (1-based, counting the CSV header) and its row, or why it is
   * unreadable.
   */
  public record Line(long number, ImportRow row, String unreadable) {}

  private static final ObjectReader JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readerFor(ImportRow.class);
  private final BufferedReader reader;
  private final ObjectReader csv;
  private long number;
  private String next;

  public ImportSource(Path file) {
    try {
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      if (file.getFileName().toString().endsWith(".csv")) {
        String header = reader.readLine();
        number = 1;
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String column : header == null ? new String[0] : header.split(",")) {
          schema.addColumn(column.strip());
        }
        this.csv = new CsvMapper().readerFor(ImportRow.class).with(schema.build());
      } else {
        this.csv = null;
      }
      advance();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** How many data lines a file has, for the progress bar. */
  public static long countRows(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      long count = lines.filter(l -> !l.isBlank()).count();
      return file.getFileName().toString().endsWith(".csv") ? Math.max(0, count - 1) : count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void advance() throws IOException {
    do {
      next = reader.readLine();
      number++;
    } while (next != null && next.isBlank());
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Line next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    String text = next;
    long lineNumber = number;
    try {
      advance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ImportRow row = csv != null ? csv.readValue(text) : JSON.readValue(text);
      return new Line(lineNumber, row, null);
    } catch (IOException e) {
      return new Line(lineNumber, null, "unreadable " + (csv != null ? "CSV" : "JSON") + " line");
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
