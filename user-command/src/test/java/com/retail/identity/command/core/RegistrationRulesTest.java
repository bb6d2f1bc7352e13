package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.domain.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationRulesTest {
  private final RegistrationRules rules = new RegistrationRules();

  private List<FieldViolation> errors(java.util.function.Consumer<List<FieldViolation>> rule) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rule.accept(errors);
    return errors;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "12345678",
        "qwertyuiop",
        "Password1",
        "iloveyou123",
        "P@ssw0rd1!",
        "Pa$$w0rd",
        "qwerty123456",
        "1q2w3e4r5t",
        "Summer2024!",
        "michael1985",
        "drowssap1"
      })
  void commonPasswordsAreRefusedWithAReason(String password) {
    assertThat(
            errors(e -> rules.password("password", password, RegistrationRules.OwnWords.NONE, e)))
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("is too easy to guess"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"violet-Harbor-93-lantern!", "Ünïcødé-Pässwørt-Ωmega-7", "長い日本語のパスワードです十二"})
  void longUnusualPasswordsInAnyScriptAreAccepted(String password) {
    assertThat(
            errors(e -> rules.password("password", password, RegistrationRules.OwnWords.NONE, e)))
        .isEmpty();
  }

  @Test
  void passwordLengthIsCountedInCharactersNotBytes() {
    assertThat(errors(e -> rules.password("password", "short", RegistrationRules.OwnWords.NONE, e)))
        .extracting(FieldViolation::message)
        .containsExactly("must be 8 to 128 characters long");
    assertThat(
            errors(
                e ->
                    rules.password(
                        "password", "x".repeat(129), RegistrationRules.OwnWords.NONE, e)))
        .extracting(FieldViolation::message)
        .containsExactly("must be 8 to 128 characters long");
  }

  private static final RegistrationRules.OwnWords ADA =
      new RegistrationRules.OwnWords("Ada.Byron@example.com", "Ada", "King-Noel");

  @ParameterizedTest
  @CsvSource({
    "ada.byron@example.com, the email address",
    "x-ADA.BYRON@EXAMPLE.COM-x, the email address",
    "Ada.Byron-violet-93-lantern, the name part of the email address",
    "ＡＤＡ．ＢＹＲＯＮ-harbour-58, the name part of the email address",
    "violet-noel-93-lantern, the last name",
    "King-Noel-violet-93-lantern, the last name",
    "violet-93-ADA-lantern, the first name"
  })
  void givenTheCustomersOwnWords_whenThePasswordContainsOne_thenTheRuleSaysWhich(
      String password, String which) {
    assertThat(errors(e -> rules.password("password", password, ADA, e)))
        .extracting(FieldViolation::message)
        .containsExactly("must not contain " + which);
  }

  @Test
  void givenAShortName_whenItIsOnlyPartOfThePassword_thenItIsNotRefusedForIt() {
    RegistrationRules.OwnWords al = new RegistrationRules.OwnWords(null, "Al", "Wu");

    assertThat(errors(e -> rules.password("password", "violet-Harbor-93-lantern-al-wu", al, e)))
        .isEmpty();
  }

  @Test
  void namesAreTrimmedAndRefuseControlCharacters() {
    assertThat(errors(e -> rules.name("firstName", "  Ada  ", true, e))).isEmpty();
    assertThat(errors(e -> rules.name("firstName", "Ada\u0000", true, e))).isNotEmpty();
    assertThat(errors(e -> rules.name("firstName", "   ", true, e))).isNotEmpty();
    assertThat(errors(e -> rules.name("firstName", "a".repeat(101), true, e))).isNotEmpty();
  }

  @Test
  void countriesAreIsoAlpha2Codes() {
    assertThat(errors(e -> rules.country("DE", true, e))).isEmpty();
    assertThat(errors(e -> rules.country("XX", true, e))).isNotEmpty();
    assertThat(errors(e -> rules.country("usa", true, e))).isNotEmpty();
  }

  @Test
  void aValidNumberIsKeptInItsOneE164Spelling() {
    assertThat(errors(e -> rules.phone("+4407911123456", e))).isEmpty();
    assertThat(RegistrationRules.e164("+4407911123456")).isEqualTo("+447911123456");
    assertThat(RegistrationRules.e164("+447911123456")).isEqualTo("+447911123456");
    assertThat(RegistrationRules.e164(null)).isNull();
  }

  @Test
  void aFullWidthEmailIsCheckedAsTheAddressItStandsFor() {
    assertThat(
            errors(
                e ->
                    rules.email(
                        "\uFF41\uFF44\uFF41@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.\uFF43\uFF4F\uFF4D",
                        e)))
        .isEmpty();
    assertThat(errors(e -> rules.email("ada@exa mple.com", e))).isNotEmpty();
  }

  @Test
  void phonesMustBeValidE164Numbers() {
    assertThat(errors(e -> rules.phone("+14155552671", e))).isEmpty();
    assertThat(errors(e -> rules.phone("+4930123456", e))).isEmpty();
    assertThat(errors(e -> rules.phone("4155552671", e))).isNotEmpty();
    assertThat(errors(e -> rules.phone("+1000", e))).isNotEmpty();
    assertThat(errors(e -> rules.phone("+99912345678", e))).isNotEmpty();
  }

  @Test
  void localesAreBcp47Tags() {
    assertThat(errors(e -> rules.locale("en-US", e))).isEmpty();
    assertThat(errors(e -> rules.locale("zh-Hant-TW", e))).isEmpty();
    assertThat(errors(e -> rules.locale("not a tag", e))).isNotEmpty();
  }

  @Test
  void emailsNeedOneAtAndADottedDomain() {
    assertThat(errors(e -> rules.email("grace@example.com", e))).isEmpty();
    assertThat(errors(e -> rules.email("grace@localhost", e))).isNotEmpty();
    assertThat(errors(e -> rules.email("gr ace@example.com", e))).isNotEmpty();
    assertThat(errors(e -> rules.email("a@b@example.com", e))).isNotEmpty();
  }
}
