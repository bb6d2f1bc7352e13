package com.retail.identity.query.core;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the admin search's query parameters into a {@link UserQuery}, or an {@link InvalidInput}
 * naming every bad field. Parameters arrive as text, so a malformed number is a validation error,
 * not a 404.
 */
public final class UserQueryParser {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{4,24}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final int MAX_TEXT = 100;

  private UserQueryParser() {}

  public static UserQuery parse(
      String q, String country, String verified, String page, String size) {
    List<FieldViolation> errors = new ArrayList<>();

    int pageSize = UserQuery.DEFAULT_SIZE;
    boolean sizeOk = true;
    if (present(size)) {
      String s = size.strip();
      if (DIGITS.matcher(s).matches()
          && Integer.parseInt(s) >= 1
          && Integer.parseInt(s) <= UserQuery.MAX_SIZE) {
        pageSize = Integer.parseInt(s);
      } else {
        errors.add(
            new FieldViolation("size", "must be a whole number from 1 to " + UserQuery.MAX_SIZE));
        sizeOk = false;
      }
    }

    UserQuery.Match match = UserQuery.Match.ALL;
    String text = null;
    if (present(q)) {
      String t = q.strip().replaceAll("\\s+", " ");
      if (t.length() > MAX_TEXT || t.chars().anyMatch(Character::isISOControl)) {
        errors.add(
            new FieldViolation("q", "must be at most " + MAX_TEXT + " printable characters"));
      } else if (t.contains("@")) {
        if (EMAIL.matcher(t).matches()) {
          match = UserQuery.Match.EMAIL;
          text = t.toLowerCase(Locale.ROOT);
        } else {
          errors.add(
              new FieldViolation("q", "must be a name prefix, an email address or a phone number"));
        }
      } else if (PHONE.matcher(t).matches() && t.replaceAll("[^0-9]", "").length() >= 6) {
        match = UserQuery.Match.PHONE;
        text = e164(t);
      } else {
        match = UserQuery.Match.NAME_PREFIX;
        text = t;
      }
    }

    String countryCode = null;
    if (present(country)) {
      String c = country.strip().toUpperCase(Locale.ROOT);
      if (COUNTRIES.contains(c)) {
        countryCode = c;
      } else {
        errors.add(
            new FieldViolation("country", "must be an ISO 3166-1 alpha-2 country code, e.g. US"));
      }
    }

    Boolean phoneVerified = null;
    if (present(verified)) {
      String v = verified.strip().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        phoneVerified = Boolean.valueOf(v);
      } else {
        errors.add(new FieldViolation("verified", "must be true or false"));
      }
    }

    UserQuery.Page requested = new UserQuery.Page.First();
    UserQuery unpaged = new UserQuery(match, text, countryCode, phoneVerified, pageSize, requested);
    if (present(page) && sizeOk) {
      String p = page.strip();
      if (DIGITS.matcher(p).matches()) {
        long number = Long.parseLong(p);
        long from = (number - 1) * pageSize;
        if (number < 1) {
          errors.add(
              new FieldViolation(
                  "page", "must be 1 or more, or the nextPage token of the previous page"));
        } else if (from + pageSize > UserQuery.MAX_OFFSET_RESULTS) {
          errors.add(
              new FieldViolation(
                  "page",
                  "numbered pages reach the first "
                      + UserQuery.MAX_OFFSET_RESULTS
                      + " hits; go deeper with the nextPage token of the previous page"));
        } else if (from > 0) {
          requested = new UserQuery.Page.Offset((int) from);
        }
      } else {
        Optional<List<Object>> after = PageCursor.decode(p, unpaged);
        if (after.isPresent()) {
          requested = new UserQuery.Page.After(after.get());
        } else {
          errors.add(
              new FieldViolation(
                  "page", "must be a page number or the nextPage token of this same search"));
        }
      }
    }

    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return new UserQuery(match, text, countryCode, phoneVerified, pageSize, requested);
  }

  /** "+1 (415) 555-0100", "0014155550100" and "14155550100" all become "+14155550100". */
  static String e164(String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    if (!phone.strip().startsWith("+") && digits.startsWith("00")) {
      digits = digits.substring(2);
    }
    return "+" + digits;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
