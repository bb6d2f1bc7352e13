package com.retail.identity.verification.core;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.domain.NotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Launch-purchase eligibility: the account's phone is verified, that phone backs no more than the
 * launch's (or the settings') number of accounts (the first ones to verify it keep eligibility),
 * the account is older than the launch's minimum age, it is neither locked nor flagged, and (where
 * the {@code identity.launch.requireVerifiedEmail} knob says so) its email address is verified.
 *
 * <p>Metrics: {@code eligibility.eligible}, {@code eligibility.ineligible.<reason>}.
 */
public final class CheckEligibility {
  public static final String PHONE_NOT_VERIFIED = "phone-not-verified";
  public static final String PHONE_SHARED = "phone-shared";
  public static final String ACCOUNT_TOO_NEW = "account-too-new";
  public static final String ACCOUNT_FLAGGED = "account-flagged";
  public static final String ACCOUNT_CLOSED = "account-closed";
  public static final String EMAIL_NOT_VERIFIED = "email-not-verified";

  private final Launches launches;
  private final AccountFacts accounts;
  private final PhoneRecords records;
  private final Supplier<EligibilitySettings> settings;
  private final MetricRegistry metrics;
  private final Clock clock;

  /**
   * @param settings read for every check, so a changed rule applies from the next one
   */
  public CheckEligibility(
      Launches launches,
      AccountFacts accounts,
      PhoneRecords records,
      Supplier<EligibilitySettings> settings,
      MetricRegistry metrics,
      Clock clock) {
    this.launches = launches;
    this.accounts = accounts;
    this.records = records;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  public record Eligibility(boolean eligible, List<String> reasons) {}

  /**
   * The first {@code allowed} accounts holding the phone, in the order they verified it. An erased
   * account holds it for the hold period after its erasure, then no longer: erasing and verifying
   * again does not turn one phone into a fresh eligible account per launch, yet a customer who left
   * and came back gets their phone back. Other owners' streams are read only until the places are
   * filled, so a phone with one owner costs no read at all.
   */
  private List<UUID> firstHolders(String phoneHash, UUID userId, int allowed, int holdDays) {
    List<PhoneRecords.Owner> owners =
        records.owners(phoneHash).stream()
            .sorted(
                Comparator.comparing(PhoneRecords.Owner::firstVerifiedAt)
                    .thenComparing(PhoneRecords.Owner::userId))
            .toList();
    Instant releasedBefore = clock.instant().minus(Duration.ofDays(Math.max(0, holdDays)));
    List<UUID> holders = new ArrayList<>();
    for (PhoneRecords.Owner owner : owners) {
      if (holders.size() >= allowed) {
        break;
      }
      boolean holds =
          owner.userId().equals(userId)
              || accounts
                  .find(owner.userId())
                  .map(a -> !a.erased() || a.erasedAt().isAfter(releasedBefore))
                  .orElse(false);
      if (holds) {
        holders.add(owner.userId());
      }
    }
    return holders;
  }

  public Eligibility check(String launchId, UUID userId) {
    Launches.Launch launch =
        launches.find(launchId).orElseThrow(() -> new NotFound("No such launch."));
    AccountFacts.Account account =
        accounts.find(userId).orElseThrow(() -> new NotFound("No such user."));
    EligibilitySettings rules = settings.get();
    List<String> reasons = new ArrayList<>();
    if (account.erased()) {
      reasons.add(ACCOUNT_CLOSED);
    }
    Optional<PhoneRecords.VerifiedPhone> phone =
        launch.requiresVerifiedPhone() ? records.verifiedPhone(userId) : Optional.empty();
    if (!launch.requiresVerifiedPhone()) {
      // this launch sells without the phone rule
    } else if (phone.isEmpty()) {
      reasons.add(PHONE_NOT_VERIFIED);
    } else {
      int allowed =
          launch.maxAccountsPerPhone() != null
              ? launch.maxAccountsPerPhone()
              : rules.maxAccountsPerPhone();
      if (!firstHolders(phone.get().phoneHash(), userId, allowed, rules.erasedPhoneHoldDays())
          .contains(userId)) {
        reasons.add(PHONE_SHARED);
      }
    }
    if (account.createdAt() == null
        || account.createdAt().plus(launch.minAccountAge()).isAfter(clock.instant())) {
      reasons.add(ACCOUNT_TOO_NEW);
    }
    if (rules.requireVerifiedEmail() && !account.emailVerified()) {
      reasons.add(EMAIL_NOT_VERIFIED);
    }
    if (account.locked() || records.flag(userId).isPresent()) {
      reasons.add(ACCOUNT_FLAGGED);
    }
    if (reasons.isEmpty()) {
      metrics.counter("eligibility.eligible").inc();
    } else {
      reasons.forEach(r -> metrics.counter("eligibility.ineligible." + r).inc());
    }
    return new Eligibility(reasons.isEmpty(), List.copyOf(reasons));
  }
}
