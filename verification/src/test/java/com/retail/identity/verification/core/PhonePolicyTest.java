package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonePolicyTest {
  private final PhonePolicy policy = new PhonePolicy();

  @ParameterizedTest
  @CsvSource({
    "+4915112345678, DE, MOBILE",
    "+33612345678, FR, MOBILE",
    "+34612345678, ES, MOBILE",
    "+819012345678, JP, MOBILE",
    "+12015550123, US, FIXED_LINE_OR_MOBILE",
    "+15146667777, CA, FIXED_LINE_OR_MOBILE"
  })
  void mobileCapableNumbersAreAccepted(String number, String region, String type) {
    Phone phone = policy.parse(number);
    assertThat(phone.e164()).isEqualTo(number);
    assertThat(phone.region()).isEqualTo(region);
    assertThat(phone.type()).isEqualTo(type);
    assertThat(phone.toString()).doesNotContain(number.substring(3));
  }

  @ParameterizedTest
  @CsvSource({
    "+449098790879, premium_rate",
    "+493012345678, fixed_line",
    "+18005551234, toll_free",
    "+33912345678, voip"
  })
  void premiumRateLandlineTollFreeAndVoipAreRefused(String number, String type) {
    assertThatThrownBy(() -> policy.parse(number))
        .isInstanceOfSatisfying(
            VerificationProblems.PhoneNotMobile.class,
            e -> assertThat(e.numberType()).isEqualTo(type));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"015112345678", "+49 abc", "+4990012345678", "+", "+123456789012345678901"})
  void somethingThatIsNotAValidE164NumberIsAValidationError(String input) {
    assertThatThrownBy(() -> policy.parse(input))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("phone"));
  }
}
