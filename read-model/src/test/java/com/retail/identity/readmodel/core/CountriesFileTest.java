package com.retail.identity.readmodel.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped country list is ISO 3166-1 alpha-2 with libphonenumber's calling codes. Run with
 * {@code -Dreference.regenerate=true} after a libphonenumber upgrade to rewrite the file.
 */
class CountriesFileTest {
  private static final Path FILE = Path.of("src/main/resources/reference/countries.json");

  static List<Country> expected() {
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    Set<String> iso = Set.of(Locale.getISOCountries());
    Map<String, Country> byCode = new TreeMap<>();
    for (String region : phones.getSupportedRegions()) {
      if (iso.contains(region)) {
        byCode.put(
            region,
            new Country(
                region,
                new Locale("", region).getDisplayCountry(Locale.ENGLISH),
                "+" + phones.getCountryCodeForRegion(region)));
      }
    }
    return List.copyOf(byCode.values());
  }

  @Test
  void givenLibphonenumber_whenTheShippedListIsRead_thenEveryCountryAndCallingCodeMatches()
      throws Exception {
    List<Country> expected = expected();
    if (Boolean.getBoolean("reference.regenerate")) {
      Files.writeString(
          FILE,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(expected)
              + "\n");
    }

    List<Country> shipped = ReferenceDataLoader.countries();

    assertThat(shipped).hasSizeGreaterThan(230);
    assertThat(shipped.stream().collect(Collectors.toMap(Country::code, Country::callingCode)))
        .isEqualTo(
            expected.stream().collect(Collectors.toMap(Country::code, Country::callingCode)));
    assertThat(shipped)
        .allSatisfy(
            c -> {
              assertThat(c.code()).matches("[A-Z]{2}");
              assertThat(c.name()).isNotBlank().isNotEqualTo(c.code());
            });
    assertThat(shipped)
        .contains(
            new Country("US", "United States", "+1"), new Country("GB", "United Kingdom", "+44"));
  }
}
