package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsTemplatesTest {
  private final SmsTemplates templates =
      new SmsTemplates(
          Map.of("en", "Code {code}", "de", "Kode {code}"),
          Map.of("en", "Reset {token} ({minutes} min)", "de", "Neu {token} ({minutes} Min.)"));

  @Test
  void givenALanguageRange_whenRendering_thenItsTemplateIsUsed() {
    // Given a German caller, when the text is rendered, then it is the German one
    assertThat(templates.render("de-DE,fr;q=0.5", "123456", 5)).isEqualTo("Kode 123456");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "_", ";", ";;", "-;q=1", ",", " - ", "x-klingon"})
  void givenAnAcceptLanguageWithoutATag_whenRendering_thenTheFallbackIsUsed(String language) {
    // Given an Accept-Language that names no language, when rendered, then English (not an error)
    assertThat(templates.render(language, "123456", 5)).isEqualTo("Code 123456");
  }
}
