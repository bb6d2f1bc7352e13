package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckEligibilityTest {
  private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
  private final Map<UUID, AccountFacts.Account> accounts = new HashMap<>();
  private final FakeRecords records = new FakeRecords();
  private EligibilitySettings settings = EligibilitySettings.DEFAULTS;
  private final CheckEligibility eligibility =
      new CheckEligibility(
          id ->
              Optional.of(
                  new Launches.Launch(
                      id,
                      id.equals("old-only") ? Duration.ofDays(7) : Duration.ZERO,
                      id.equals("two-per-phone") ? Integer.valueOf(2) : null,
                      !id.equals("no-phone-rule"))),
          id -> Optional.ofNullable(accounts.get(id)),
          records,
          () -> settings,
          new MetricRegistry(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  private UUID account(Duration age, boolean locked) {
    UUID id = UUID.randomUUID();
    accounts.put(id, new AccountFacts.Account(id, NOW.minus(age), locked, null));
    return id;
  }

  @Test
  void eligibleOnlyWithAVerifiedPhone() {
    UUID user = account(Duration.ofDays(30), false);
    assertThat(eligibility.check("launch", user).reasons())
        .containsExactly(CheckEligibility.PHONE_NOT_VERIFIED);
    assertThat(eligibility.check("no-phone-rule", user).eligible()).isTrue();
    records.recordVerified(user, "p1", "v1", NOW.minusSeconds(60));
    assertThat(eligibility.check("launch", user))
        .isEqualTo(new CheckEligibility.Eligibility(true, List.of()));
  }

  @Test
  void givenTheVerifiedEmailRuleOn_thenOnlyAnAccountThatProvedItsAddressIsEligible() {
    UUID unproven = account(Duration.ofDays(30), false);
    UUID proven = UUID.randomUUID();
    accounts.put(
        proven,
        new AccountFacts.Account(proven, NOW.minus(Duration.ofDays(30)), false, null, true));
    records.recordVerified(unproven, "p8", "v1", NOW.minusSeconds(60));
    records.recordVerified(proven, "p9", "v2", NOW.minusSeconds(60));
    assertThat(eligibility.check("launch", unproven).eligible()).as("rule off").isTrue();

    settings = settings.withRequireVerifiedEmail(true);

    assertThat(eligibility.check("launch", unproven).reasons())
        .containsExactly(CheckEligibility.EMAIL_NOT_VERIFIED);
    assertThat(eligibility.check("launch", proven).eligible()).isTrue();
  }

  @Test
  void theFirstAccountOnAPhoneKeepsEligibilityTheSecondDoesNot() {
    UUID first = account(Duration.ofDays(30), false);
    UUID second = account(Duration.ofDays(30), false);
    records.recordVerified(first, "p2", "v1", NOW.minusSeconds(120));
    records.recordVerified(second, "p2", "v2", NOW.minusSeconds(60));
    assertThat(eligibility.check("launch", first).eligible()).isTrue();
    assertThat(eligibility.check("launch", second).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);
  }

  @Test
  void anErasedAccountHoldsItsPhoneForTheHoldPeriodThenReleasesIt() {
    UUID erased = account(Duration.ofDays(60), false);
    UUID next = account(Duration.ofDays(30), false);
    records.recordVerified(erased, "p6", "v1", NOW.minus(Duration.ofDays(50)));
    records.recordVerified(next, "p6", "v2", NOW.minus(Duration.ofDays(1)));

    accounts.put(
        erased,
        new AccountFacts.Account(
            erased, NOW.minus(Duration.ofDays(60)), false, NOW.minus(Duration.ofDays(29))));
    assertThat(eligibility.check("launch", next).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);
    assertThat(eligibility.check("launch", erased).reasons())
        .containsExactly(CheckEligibility.ACCOUNT_CLOSED);

    accounts.put(
        erased,
        new AccountFacts.Account(
            erased, NOW.minus(Duration.ofDays(60)), false, NOW.minus(Duration.ofDays(31))));
    assertThat(eligibility.check("launch", next).eligible()).isTrue();
  }

  @Test
  void aLiveOwnerAheadStillCountsWhenAnErasedOneIsReleased() {
    UUID released = account(Duration.ofDays(90), false);
    UUID live = account(Duration.ofDays(60), false);
    UUID third = account(Duration.ofDays(30), false);
    records.recordVerified(released, "p7", "v1", NOW.minus(Duration.ofDays(80)));
    records.recordVerified(live, "p7", "v2", NOW.minus(Duration.ofDays(50)));
    records.recordVerified(third, "p7", "v3", NOW.minus(Duration.ofDays(20)));
    accounts.put(
        released,
        new AccountFacts.Account(
            released, NOW.minus(Duration.ofDays(90)), false, NOW.minus(Duration.ofDays(40))));

    assertThat(eligibility.check("launch", live).eligible()).isTrue();
    assertThat(eligibility.check("launch", third).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);
  }

  @Test
  void
      givenMoreAccountsPerPhoneAllowed_thenTheSecondAccountIsEligibleUnlessTheLaunchSaysOtherwise() {
    UUID first = account(Duration.ofDays(30), false);
    UUID second = account(Duration.ofDays(30), false);
    UUID third = account(Duration.ofDays(30), false);
    records.recordVerified(first, "p8", "v1", NOW.minusSeconds(180));
    records.recordVerified(second, "p8", "v2", NOW.minusSeconds(120));
    records.recordVerified(third, "p8", "v3", NOW.minusSeconds(60));
    assertThat(eligibility.check("launch", second).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);
    assertThat(eligibility.check("two-per-phone", second).eligible())
        .as("the launch's own number")
        .isTrue();

    settings = settings.withMaxAccountsPerPhone(3);

    assertThat(eligibility.check("launch", third).eligible()).isTrue();
    assertThat(eligibility.check("two-per-phone", third).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);
  }

  @Test
  void givenAShorterHold_thenAnErasedAccountReleasesItsPhoneSooner() {
    UUID erased = account(Duration.ofDays(60), false);
    UUID next = account(Duration.ofDays(30), false);
    records.recordVerified(erased, "p9", "v1", NOW.minus(Duration.ofDays(50)));
    records.recordVerified(next, "p9", "v2", NOW.minus(Duration.ofDays(1)));
    accounts.put(
        erased,
        new AccountFacts.Account(
            erased, NOW.minus(Duration.ofDays(60)), false, NOW.minus(Duration.ofDays(2))));
    assertThat(eligibility.check("launch", next).reasons())
        .containsExactly(CheckEligibility.PHONE_SHARED);

    settings = settings.withErasedPhoneHoldDays(1);

    assertThat(eligibility.check("launch", next).eligible()).isTrue();
  }

  @Test
  void tooNewAndFlaggedAccountsAreNotEligible() {
    UUID young = account(Duration.ofDays(1), false);
    records.recordVerified(young, "p3", "v1", NOW);
    assertThat(eligibility.check("old-only", young).reasons())
        .containsExactly(CheckEligibility.ACCOUNT_TOO_NEW);
    UUID locked = account(Duration.ofDays(30), true);
    records.recordVerified(locked, "p4", "v1", NOW);
    assertThat(eligibility.check("launch", locked).reasons())
        .containsExactly(CheckEligibility.ACCOUNT_FLAGGED);
    UUID flagged = account(Duration.ofDays(30), false);
    records.recordVerified(flagged, "p5", "v1", NOW);
    records.setFlag(flagged, "bot", NOW);
    assertThat(eligibility.check("launch", flagged).reasons())
        .containsExactly(CheckEligibility.ACCOUNT_FLAGGED);
  }

  static final class FakeRecords implements PhoneRecords {
    final Map<UUID, VerifiedPhone> phones = new HashMap<>();
    final Map<String, List<Owner>> owners = new HashMap<>();
    final Map<UUID, String> flags = new HashMap<>();

    @Override
    public void recordVerified(UUID userId, String phoneHash, String verificationId, Instant at) {
      phones.put(userId, new VerifiedPhone(userId, phoneHash, at, verificationId));
      owners.computeIfAbsent(phoneHash, h -> new ArrayList<>()).add(new Owner(userId, at));
    }

    @Override
    public Optional<VerifiedPhone> verifiedPhone(UUID userId) {
      return Optional.ofNullable(phones.get(userId));
    }

    @Override
    public List<Owner> owners(String phoneHash) {
      return owners.getOrDefault(phoneHash, List.of());
    }

    @Override
    public Optional<String> flag(UUID userId) {
      return Optional.ofNullable(flags.get(userId));
    }

    @Override
    public void setFlag(UUID userId, String reason, Instant at) {
      flags.put(userId, reason);
    }

    @Override
    public void clearFlag(UUID userId) {
      flags.remove(userId);
    }
  }
}
