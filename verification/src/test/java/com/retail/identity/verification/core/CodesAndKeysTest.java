package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodesAndKeysTest {
  private final PhoneKeys keys = new PhoneKeys("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void codesAreSixDigitsAndVary() {
    OtpCodes codes = new OtpCodes();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = codes.next();
      assertThat(code).matches("\\d{6}");
      seen.add(code);
    }
    assertThat(seen).hasSizeGreaterThan(190);
    assertThat(OtpCodes.wellFormed("012345")).isTrue();
    assertThat(OtpCodes.wellFormed("12345")).isFalse();
    assertThat(OtpCodes.wellFormed("12345a")).isFalse();
  }

  @Test
  void phoneHashesAreKeyedAndStableAndNeverTheNumber() {
    String hash = keys.phoneHash("+4915112345678");
    assertThat(hash).isEqualTo(keys.phoneHash("+4915112345678")).doesNotContain("15112345678");
    assertThat(
            new PhoneKeys("another-secret-another-secret-00".getBytes())
                .phoneHash("+4915112345678"))
        .isNotEqualTo(hash);
  }

  @Test
  void codeHashesAreBoundToUserAndPhone() {
    UUID user = UUID.randomUUID();
    String code = keys.codeHash(user, "ph", "123456");
    assertThat(code).isEqualTo(keys.codeHash(user, "ph", "123456")).doesNotContain("123456");
    assertThat(keys.codeHash(UUID.randomUUID(), "ph", "123456")).isNotEqualTo(code);
    assertThat(keys.codeHash(user, "other", "123456")).isNotEqualTo(code);
  }

  @Test
  void aSealedNumberOpensOnlyForItsUser() {
    UUID user = UUID.randomUUID();
    String sealed = keys.seal(user, "+4915112345678");
    assertThat(sealed).doesNotContain("15112345678");
    assertThat(keys.open(user, sealed)).isEqualTo("+4915112345678");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.open(UUID.randomUUID(), sealed))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void templatesFollowTheLocaleAndFallBackToEnglish() {
    SmsTemplates templates =
        new SmsTemplates(
            Map.of("en", "code {code} for {minutes} min", "de", "Code {code}", "ja", "コード{code}"),
            Map.of("en", "reset {token} for {minutes} min", "de", "Neu {token}"));
    assertThat(templates.render("de-DE", "123456", 10)).isEqualTo("Code 123456");
    assertThat(templates.render("fr-CH, ja;q=0.8", "123456", 10)).isEqualTo("コード123456");
    assertThat(templates.render("pt-BR", "123456", 10)).isEqualTo("code 123456 for 10 min");
    assertThat(templates.render(null, "123456", 10)).isEqualTo("code 123456 for 10 min");
    assertThat(templates.renderReset("de-AT", "tok", 30)).isEqualTo("Neu tok");
    assertThat(templates.renderReset("ja", "tok", 30)).isEqualTo("reset tok for 30 min");
  }
}
