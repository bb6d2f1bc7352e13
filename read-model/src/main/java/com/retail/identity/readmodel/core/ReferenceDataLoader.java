package com.retail.identity.readmodel.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads the reference data shipped in {@code reference/} (countries, disposable email domains,
 * launch definitions) into the {@link ReferenceStore}. user-query runs it at start outside
 * production when the data is missing; the event-replayer's command runs it on purpose.
 */
public final class ReferenceDataLoader {
  public static final String COUNTRIES = "/reference/countries.json";
  public static final String DISPOSABLE_DOMAINS = "/reference/disposable-email-domains.txt";
  public static final String LAUNCHES = "/reference/launches.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many entries of each set were loaded. */
  public record Counts(int countries, int disposableEmailDomains, int launches) {}

  private final ReferenceStore store;

  public ReferenceDataLoader(ReferenceStore store) {
    this.store = store;
  }

  /** Replaces every reference set with the shipped one. */
  public Counts load() {
    List<Country> countries = countries();
    Set<String> domains = disposableEmailDomains();
    Map<String, String> launches = launches();
    store.replaceCountries(countries);
    store.replaceDisposableEmailDomains(domains);
    store.replaceLaunches(launches);
    return new Counts(countries.size(), domains.size(), launches.size());
  }

  /** Loads only when a set is missing (a fresh local Redis); returns whether it loaded. */
  public boolean loadIfMissing() {
    if (store.isLoaded()) {
      return false;
    }
    load();
    return true;
  }

  public static List<Country> countries() {
    List<Country> countries = new ArrayList<>();
    for (JsonNode c : readJson(COUNTRIES)) {
      countries.add(
          new Country(
              c.path("code").asText(), c.path("name").asText(), c.path("callingCode").asText()));
    }
    return countries;
  }

  public static Set<String> disposableEmailDomains() {
    Set<String> domains = new HashSet<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(open(DISPOSABLE_DOMAINS), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String domain = line.strip().toLowerCase(Locale.ROOT);
        if (!domain.isEmpty() && !domain.startsWith("#")) {
          domains.add(domain);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return domains;
  }

  public static Map<String, String> launches() {
    Map<String, String> launches = new LinkedHashMap<>();
    for (JsonNode launch : readJson(LAUNCHES)) {
      launches.put(launch.path("launchId").asText(), launch.toString());
    }
    return launches;
  }

  private static JsonNode readJson(String resource) {
    try (InputStream in = open(resource)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = ReferenceDataLoader.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("reference data " + resource + " is missing from the jar");
    }
    return in;
  }
}
