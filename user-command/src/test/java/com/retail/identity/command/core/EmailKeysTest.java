package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailKeysTest {
  private final EmailKeys keys =
      new EmailKeys("a-test-lookup-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@example.com",
        "ADA@EXAMPLE.COM",
        "  Ada@Example.com\t",
        "\uFF21\uFF24\uFF21@\uFF25\uFF38\uFF21\uFF2D\uFF30\uFF2C\uFF25.\uFF23\uFF2F\uFF2D", // full
        // width
        "ada\uFF20example.com", // full-width @
        "a\u200Bda@example.com", // zero-width space
        "a\u00ADda@example.com", // soft hyphen
        "\u3000ada@example.com\u3000", // ideographic spaces
        "\u00A0ada@example.com"
      }) // no-break space
  void everySpellingOfOneAddressHasOneKey(String spelling) {
    assertThat(keys.keyOf(spelling)).isEqualTo(keys.keyOf("ada@example.com"));
    assertThat(EmailKeys.keyForm(spelling)).isEqualTo("ada@example.com");
  }

  @Test
  void caseFoldingIsFullNotJustLowerCasing() {
    assertThat(EmailKeys.keyForm("STRASSE@example.de"))
        .isEqualTo(EmailKeys.keyForm("Straße@example.de"));
    assertThat(EmailKeys.keyForm("ΣΊΣΥΦΟΣ@example.gr"))
        .isEqualTo(EmailKeys.keyForm("σίσυφος@example.gr"));
    assertThat(EmailKeys.keyForm("\uFB01nn@example.com")).isEqualTo("finn@example.com");
  }

  @Test
  void dotsAndPlusTagsAreNotFolded() {
    assertThat(keys.keyOf("a.da@example.com")).isNotEqualTo(keys.keyOf("ada@example.com"));
    assertThat(keys.keyOf("ada+news@example.com")).isNotEqualTo(keys.keyOf("ada@example.com"));
    assertThat(EmailKeys.keyForm("Ada.Lovelace+News@Example.com"))
        .isEqualTo("ada.lovelace+news@example.com");
  }

  @Test
  void asciiAddressesKeepTheKeysTheyHadWhenKeysWereLowerCasedOnly() {
    // keys already stored for ASCII addresses stay valid
    assertThat(EmailKeys.keyForm("Grace.Hopper+Navy@Example.COM"))
        .isEqualTo("grace.hopper+navy@example.com");
  }

  @Test
  void theStoredFormKeepsWhatWasTypedButCompatibilityCharacters() {
    assertThat(EmailKeys.storedForm("  Ada.Lovelace+News@Example.com "))
        .isEqualTo("Ada.Lovelace+News@Example.com");
    assertThat(
            EmailKeys.storedForm(
                "\uFF21\uFF24\uFF21@\uFF25\uFF38\uFF21\uFF2D\uFF30\uFF2C\uFF25.\uFF23\uFF2F\uFF2D"))
        .isEqualTo("ADA@EXAMPLE.COM");
    assertThat(EmailKeys.storedForm("Straße@example.de")).isEqualTo("Straße@example.de");
  }
}
