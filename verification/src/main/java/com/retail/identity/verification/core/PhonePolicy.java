package com.retail.identity.verification.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.retail.identity.common.domain.InvalidInput;
import java.util.Locale;
import java.util.Set;

/**
 * Which numbers may receive a code (SMS pumping / toll fraud defence): valid E.164 numbers whose
 * type is MOBILE, or FIXED_LINE_OR_MOBILE (how US and Canadian numbers classify). Premium-rate,
 * shared-cost, toll-free, VoIP, pager, UAN, personal and landline numbers are refused.
 */
public final class PhonePolicy {
  static final Set<PhoneNumberType> ACCEPTED =
      Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * The number; {@link InvalidInput} when it is not an E.164 number, {@link
   * VerificationProblems.PhoneNotMobile} when it cannot receive an SMS.
   */
  public Phone parse(String input) {
    if (input == null || input.isBlank()) {
      throw InvalidInput.of("phone", "must not be blank");
    }
    String text = input.strip();
    if (!text.startsWith("+") || text.length() > 20) {
      throw InvalidInput.of(
          "phone", "must be an international number in E.164 form, e.g. +4915112345678");
    }
    Phonenumber.PhoneNumber number;
    try {
      number = UTIL.parse(text, null);
    } catch (NumberParseException e) {
      throw InvalidInput.of(
          "phone", "must be an international number in E.164 form, e.g. +4915112345678");
    }
    if (!UTIL.isValidNumber(number)) {
      throw InvalidInput.of("phone", "is not a valid phone number");
    }
    PhoneNumberType type = UTIL.getNumberType(number);
    if (!ACCEPTED.contains(type)) {
      throw new VerificationProblems.PhoneNotMobile(type.name().toLowerCase(Locale.ROOT));
    }
    return new Phone(
        UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
        UTIL.getRegionCodeForNumber(number),
        type.name());
  }
}
