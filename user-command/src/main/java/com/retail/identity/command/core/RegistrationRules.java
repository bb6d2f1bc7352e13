package com.retail.identity.command.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.retail.identity.common.domain.FieldViolation;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/** The field rules of registration and profile changes; each failure names its field. */
public final class RegistrationRules {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  // Deliberately simple: one @, no spaces or controls, a dotted domain. Deliverability is proven by
  // use.
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
  private final Nbvcxz strength = new Nbvcxz(strengthConfiguration());
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /**
   * nbvcxz with every dictionary, leet and reversed matching, keyboard patterns, sequences, repeats
   * and dates, but without the edit-distance pass (a bounded Levenshtein of the whole password
   * against every dictionary word of similar length): that pass was ~90% of the estimator's CPU
   * (ADR 0701 item 2) and only adds near-misses of a whole dictionary word.
   */
  static Configuration strengthConfiguration() {
    return new ConfigurationBuilder().setDistanceCalc(false).createConfiguration();
  }

  /**
   * Checked in the form that is kept (NFKC), so a full-width spelling is the address it stands for.
   */
  public void email(String email, List<FieldViolation> errors) {
    if (email == null || email.isBlank()) {
      errors.add(new FieldViolation("email", "must not be empty"));
      return;
    }
    String stored = EmailKeys.storedForm(email);
    if (stored.length() > 254 || !EMAIL.matcher(stored).matches()) {
      errors.add(new FieldViolation("email", "must be an email address"));
    }
  }

  /**
   * The customer's own words a password must not contain (NIST SP 800-63B §3.1.1.2,
   * "context-specific words"); any of them may be null when not known.
   */
  public record OwnWords(String email, String firstName, String lastName) {
    public static final OwnWords NONE = new OwnWords(null, null, null);

    @Override
    public String toString() {
      return "OwnWords[...]";
    }
  }

  /**
   * 8 to 128 characters of any script; refused when common, breached-style or too guessable, or
   * when it contains the customer's own words.
   */
  public void password(String field, String password, OwnWords own, List<FieldViolation> errors) {
    if (password == null || password.isEmpty()) {
      errors.add(new FieldViolation(field, "must not be empty"));
      return;
    }
    int length = password.codePointCount(0, password.length());
    if (length < 8 || length > 128) {
      errors.add(new FieldViolation(field, "must be 8 to 128 characters long"));
      return;
    }
    String ownWord = ownWordIn(password, own);
    if (ownWord != null) {
      errors.add(new FieldViolation(field, "must not contain " + ownWord));
      return;
    }
    Result result = strength.estimate(password);
    if (!result.isMinimumEntropyMet()) {
      String warning = result.getFeedback() == null ? null : result.getFeedback().getWarning();
      errors.add(
          new FieldViolation(
              field,
              "is too easy to guess"
                  + (warning == null || warning.isBlank() ? "" : ": " + warning)));
    }
  }

  /**
   * The own-words rule alone, for a password already checked by {@link #password} before the
   * customer's words were known (a change or reset reads them from the account).
   */
  public void ownWords(String field, String password, OwnWords own, List<FieldViolation> errors) {
    String ownWord = password == null ? null : ownWordIn(password, own);
    if (ownWord != null) {
      errors.add(new FieldViolation(field, "must not contain " + ownWord));
    }
  }

  /**
   * Which of the customer's words the password contains, compared case-folded (NFKC), or null. A
   * word shorter than 3 characters (a name like "Al") counts only as the whole password.
   */
  private static String ownWordIn(String password, OwnWords own) {
    String folded = EmailKeys.keyForm(password);
    String email = own.email() == null ? null : EmailKeys.keyForm(own.email());
    if (contains(folded, email)) {
      return "the email address";
    }
    if (email != null && email.lastIndexOf('@') > 0) {
      if (contains(folded, email.substring(0, email.lastIndexOf('@')))) {
        return "the name part of the email address";
      }
    }
    if (containsName(folded, own.firstName())) {
      return "the first name";
    }
    if (containsName(folded, own.lastName())) {
      return "the last name";
    }
    return null;
  }

  private static boolean containsName(String folded, String name) {
    if (name == null) {
      return false;
    }
    String whole = EmailKeys.keyForm(name);
    if (contains(folded, whole)) {
      return true;
    }
    for (String part : whole.split("[\\s\\p{Pd}]+")) {
      if (contains(folded, part)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String foldedPassword, String foldedWord) {
    if (foldedWord == null || foldedWord.isEmpty()) {
      return false;
    }
    return foldedWord.codePointCount(0, foldedWord.length()) < 3
        ? foldedPassword.equals(foldedWord)
        : foldedPassword.contains(foldedWord);
  }

  public void name(String field, String name, boolean required, List<FieldViolation> errors) {
    if (name == null) {
      if (required) {
        errors.add(new FieldViolation(field, "must not be empty"));
      }
      return;
    }
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      errors.add(new FieldViolation(field, "must not be empty"));
    } else if (trimmed.codePointCount(0, trimmed.length()) > 100) {
      errors.add(new FieldViolation(field, "must be at most 100 characters"));
    } else if (CONTROL.matcher(trimmed).find()) {
      errors.add(new FieldViolation(field, "must not contain control characters"));
    }
  }

  public void country(String country, boolean required, List<FieldViolation> errors) {
    if (country == null) {
      if (required) {
        errors.add(new FieldViolation("country", "must not be empty"));
      }
    } else if (!COUNTRIES.contains(country)) {
      errors.add(new FieldViolation("country", "must be an ISO 3166 alpha-2 country code"));
    }
  }

  /** Optional; when given, a valid number in E.164 form (+ and country code). */
  public void phone(String phone, List<FieldViolation> errors) {
    if (phone == null) {
      return;
    }
    if (!phone.matches("\\+[1-9][0-9]{6,14}")) {
      errors.add(new FieldViolation("phone", "must be an E.164 number, e.g. +14155552671"));
      return;
    }
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(phone, null);
      if (!PHONES.isValidNumber(number)) {
        errors.add(new FieldViolation("phone", "is not a valid phone number"));
      }
    } catch (NumberParseException e) {
      errors.add(new FieldViolation("phone", "is not a valid phone number"));
    }
  }

  /**
   * The one spelling of a valid number that is stored and compared: libphonenumber's E.164 format
   * (a national trunk prefix typed after the country code, e.g. +44 0..., is dropped). Null stays
   * null.
   */
  public static String e164(String phone) {
    if (phone == null) {
      return null;
    }
    try {
      return PHONES.format(
          PHONES.parse(phone.strip(), null), PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a phone number; validate it first", e);
    }
  }

  /** Optional; a well-formed BCP 47 language tag. */
  public void locale(String locale, List<FieldViolation> errors) {
    if (locale == null) {
      return;
    }
    try {
      if (locale.length() > 35
          || new Locale.Builder().setLanguageTag(locale).build().getLanguage().isEmpty()) {
        errors.add(new FieldViolation("locale", "must be a BCP 47 language tag, e.g. en-US"));
      }
    } catch (IllformedLocaleException e) {
      errors.add(new FieldViolation("locale", "must be a BCP 47 language tag, e.g. en-US"));
    }
  }

  public static List<FieldViolation> errors() {
    return new ArrayList<>();
  }
}
