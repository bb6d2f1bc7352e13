package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The hosted pages' messages: every language says everything the default language says. */
class HostedPagesTest {
  private static Properties messages(String suffix) throws Exception {
    Properties properties = new Properties();
    try (InputStream in =
        HostedPagesTest.class.getResourceAsStream("/pages/messages" + suffix + ".properties")) {
      assertThat(in).as("messages%s.properties", suffix).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  @Test
  void givenEachLanguageOfThePages_thenItHasExactlyTheDefaultLanguagesMessages() throws Exception {
    // Given the default (English) messages
    Properties english = messages("");

    // Then every other language has each of them, and none the default lacks
    for (Locale language : HostedPages.LANGUAGES.subList(1, HostedPages.LANGUAGES.size())) {
      Properties translated = messages("_" + language.getLanguage());
      assertThat(translated.stringPropertyNames())
          .as("messages of %s", language)
          .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
      translated.forEach(
          (key, text) -> assertThat(text.toString()).as("%s in %s", key, language).isNotBlank());
    }
  }

  @Test
  void givenTheSignUpFormsFields_thenEachHasAMessageToShowBesideIt() throws Exception {
    Properties english = messages("");

    for (String field : SignUpResource.FIELDS) {
      assertThat(english.getProperty("field_error_" + field)).as(field).isNotBlank();
    }
  }
}
