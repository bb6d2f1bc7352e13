package com.retail.identity.verification.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import java.util.Set;

/**
 * Which numbers may receive a code (SMS pumping / toll fraud defence): valid E.164 numbers whose
 * type is MOBILE, or FIXED_LINE_OR_MOBILE (how US and Canadian numbers classify). Premium-rate,
 * shared-cost, toll-free, VoIP, pager, UAN, personal and landline numbers are refused.
 */
public final class PhonePolicy {
  static final Set<PhoneNumberType> ACCEPTED = Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** The number, or a 400 (not an E.164 number) / 422 {@code phone-not-mobile} problem. */
  public Phone parse(String input) {
    if (input == null || input.isBlank()) {
      throw ProblemException.validation("phone", "must not be blank");
    }
    String text = input.strip();
    if (!text.startsWith("+") || text.length() > 20) {
      throw ProblemException.validation("phone", "must be an international number in E.164 form, e.g. +4915112345678");
    }
    Phonenumber.PhoneNumber number;
    try {
      number = UTIL.parse(text, null);
    } catch (NumberParseException e) {
      throw ProblemException.validation("phone", "must be an international number in E.164 form, e.g. +4915112345678");
    }
    if (!UTIL.isValidNumber(number)) {
      throw ProblemException.validation("phone", "is not a valid phone number");
    }
    PhoneNumberType type = UTIL.getNumberType(number);
    if (!ACCEPTED.contains(type)) {
      throw new ProblemException(Problem.of("phone-not-mobile", "Not a mobile number", 422,
          "Codes are sent by SMS to mobile numbers only.").with("numberType", type.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return new Phone(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number), type.name());
  }
}
