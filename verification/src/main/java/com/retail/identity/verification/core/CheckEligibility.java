package com.retail.identity.verification.core;

import com.codahale.metrics.MetricRegistry;
import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.errors.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Launch-purchase eligibility: the account's phone is verified, that phone backs no more than the
 * launch's (or the knob's) number of accounts (the first ones to verify it keep eligibility), the
 * account is older than the launch's minimum age, and it is neither locked nor flagged.
 *
 * <p>Metrics: {@code eligibility.eligible}, {@code eligibility.ineligible.<reason>}.
 */
public final class CheckEligibility {
  public static final String MAX_ACCOUNTS_PER_PHONE = "identity.launch.maxAccountsPerPhone";

  public static final String PHONE_NOT_VERIFIED = "phone-not-verified";
  public static final String PHONE_SHARED = "phone-shared";
  public static final String ACCOUNT_TOO_NEW = "account-too-new";
  public static final String ACCOUNT_FLAGGED = "account-flagged";
  public static final String ACCOUNT_CLOSED = "account-closed";

  private final Launches launches;
  private final AccountFacts accounts;
  private final PhoneRecords records;
  private final MetricRegistry metrics;
  private final Clock clock;
  private final DynamicIntProperty maxAccountsPerPhone = Knobs.intKnob(MAX_ACCOUNTS_PER_PHONE, 1);

  public CheckEligibility(Launches launches, AccountFacts accounts, PhoneRecords records, MetricRegistry metrics, Clock clock) {
    this.launches = launches;
    this.accounts = accounts;
    this.records = records;
    this.metrics = metrics;
    this.clock = clock;
  }

  public record Eligibility(boolean eligible, List<String> reasons) {}

  public Eligibility check(String launchId, UUID userId) {
    Launches.Launch launch = launches.find(launchId)
        .orElseThrow(() -> ProblemException.notFound("No such launch."));
    AccountFacts.Account account = accounts.find(userId)
        .orElseThrow(() -> ProblemException.notFound("No such user."));
    List<String> reasons = new ArrayList<>();
    if (account.erased()) {
      reasons.add(ACCOUNT_CLOSED);
    }
    Optional<PhoneRecords.VerifiedPhone> phone = launch.requiresVerifiedPhone()
        ? records.verifiedPhone(userId) : Optional.empty();
    if (!launch.requiresVerifiedPhone()) {
      // this launch sells without the phone rule
    } else if (phone.isEmpty()) {
      reasons.add(PHONE_NOT_VERIFIED);
    } else {
      int allowed = launch.maxAccountsPerPhone() != null ? launch.maxAccountsPerPhone() : maxAccountsPerPhone.get();
      List<UUID> firstOwners = records.owners(phone.get().phoneHash()).stream()
          .sorted(Comparator.comparing(PhoneRecords.Owner::firstVerifiedAt).thenComparing(PhoneRecords.Owner::userId))
          .limit(Math.max(0, allowed))
          .map(PhoneRecords.Owner::userId)
          .toList();
      if (!firstOwners.contains(userId)) {
        reasons.add(PHONE_SHARED);
      }
    }
    if (account.createdAt() == null || account.createdAt().plus(launch.minAccountAge()).isAfter(clock.instant())) {
      reasons.add(ACCOUNT_TOO_NEW);
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
