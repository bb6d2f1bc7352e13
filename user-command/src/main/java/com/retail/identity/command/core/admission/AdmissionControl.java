package com.retail.identity.command.core.admission;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.retail.identity.command.core.admission.AdmissionCounters.CountersUnavailable;
import com.retail.identity.command.core.admission.AdmissionCounters.Reading;
import com.retail.identity.common.challenge.OnRedisDown;
import com.retail.identity.common.challenge.SolutionCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Admission control for registration and login (OWASP OAT-019 account creation, OAT-008 credential
 * stuffing, ADR 0202): the {@link RateLimit}s take a token from their buckets, {@link
 * DisposableEmailDomains} refuses throw-away addresses, and a {@link ChallengeRule} that sees a
 * reason demands a solved proof-of-work challenge. One round trip to the {@link AdmissionCounters}
 * per decision (plus one to use up a solution, and one to issue a challenge).
 *
 * <p>While the counters cannot be reached each check does what its setting says (ADR 0203): the
 * state of this instance, or 503 for the rate limits and "risky" for the signals.
 *
 * <p>Every decision is counted: {@code admission.<action>.<outcome>.<reason>}; login outcomes
 * {@code admission.login.outcome.<success|failure>}; fallbacks {@code admission.redis-unavailable}.
 */
public final class AdmissionControl implements AdmissionGate {
  /** A 503's Retry-After when a check that fails closed could not run. */
  static final long RETRY_WHEN_DOWN_SECONDS = 5;

  private final Supplier<AdmissionSettings> settings;
  private final AdmissionCounters counters;
  private final AdmissionCounters whileDown = new InProcessAdmissionCounters();
  private final ProofOfWork proofOfWork;
  private final MetricRegistry metrics;
  private final Clock clock;
  private final List<RateLimit> rateLimits = RateLimit.all();
  private final DisposableEmailDomains disposableEmail = new DisposableEmailDomains();
  private final List<ChallengeRule> challengeRules = ChallengeRule.all();
  private final Map<String, Counter> counts = new ConcurrentHashMap<>();

  public AdmissionControl(
      Supplier<AdmissionSettings> settings,
      AdmissionCounters counters,
      ProofOfWork proofOfWork,
      MetricRegistry metrics,
      Clock clock) {
    this.settings = settings;
    this.counters = counters;
    this.proofOfWork = proofOfWork;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public AdmissionDecision decide(AdmissionRequest request) {
    AdmissionDecision decision = evaluate(request, settings.get());
    count(
        "admission."
            + request.action().slug()
            + "."
            + decision.outcome().name().toLowerCase(Locale.ROOT)
            + "."
            + decision.reason());
    return decision;
  }

  @Override
  public void recordLogin(String clientAddress, String accountKey, boolean success) {
    AdmissionSettings current = settings.get();
    String address = clientAddress == null ? AdmissionRequest.UNKNOWN_ADDRESS : clientAddress;
    String account = accountKey == null ? null : Pseudonym.of(accountKey);
    RiskThresholds risk = current.risk();
    long window = risk.windowAt(clock.millis());
    count("admission.login.outcome." + (success ? "success" : "failure"));
    try {
      counters.recordLogin(address, account, success, window, risk.keep());
    } catch (CountersUnavailable e) {
      count("admission.redis-unavailable");
      if (current.signalsOnRedisDown() == OnRedisDown.OPEN) {
        whileDown.recordLogin(address, account, success, window, risk.keep());
      }
    }
  }

  private AdmissionDecision evaluate(AdmissionRequest request, AdmissionSettings current) {
    if (!current.enabled()) {
      return AdmissionDecision.allow("admission-off");
    }
    List<Bucket> buckets = new ArrayList<>(rateLimits.size());
    for (RateLimit limit : rateLimits) {
      limit.bucketFor(request, current).ifPresent(buckets::add);
    }
    List<String> domains = disposableEmail.candidatesFor(request);
    String address = request.addressOrUnknown();
    long now = clock.millis();
    long window = current.risk().windowAt(now);

    Reading reading;
    try {
      reading = counters.takeTokensAndRead(buckets, domains, address, window, now);
    } catch (CountersUnavailable e) {
      count("admission.redis-unavailable");
      if (current.rateLimitsOnRedisDown() == OnRedisDown.CLOSED) {
        return AdmissionDecision.unavailable("redis-down", RETRY_WHEN_DOWN_SECONDS);
      }
      reading = whileDown.takeTokensAndRead(buckets, domains, address, window, now);
      if (current.signalsOnRedisDown() == OnRedisDown.CLOSED) {
        reading = reading.withSignals(LoginSignals.UNKNOWN);
      }
    }

    if (reading.emptyBucket().isPresent()) {
      return AdmissionDecision.rateLimited(
          reading.emptyBucket().get().kind().slug(), (reading.refillMillis() + 999) / 1000);
    }
    if (disposableEmail.refuses(domains, reading.listing())) {
      return AdmissionDecision.refused(DisposableEmailDomains.REASON);
    }
    Optional<String> why = Optional.empty();
    for (ChallengeRule rule : challengeRules) {
      why = rule.reasonToChallenge(reading.signals(), current);
      if (why.isPresent()) {
        break;
      }
    }
    return why.isEmpty() ? AdmissionDecision.allow("ok") : demandProofOfWork(request, why.get());
  }

  private AdmissionDecision demandProofOfWork(AdmissionRequest request, String why) {
    SolutionCheck solution = proofOfWork.verify(request.challengeSolution());
    return switch (solution) {
      case VALID -> AdmissionDecision.allow(AdmissionDecision.CHALLENGE_SOLVED);
      case UNAVAILABLE ->
          AdmissionDecision.unavailable("replay-guard-down", RETRY_WHEN_DOWN_SECONDS);
      case MISSING -> AdmissionDecision.challenge(why, proofOfWork.issue());
      default -> AdmissionDecision.challenge("challenge-" + solution.slug(), proofOfWork.issue());
    };
  }

  private void count(String name) {
    counts.computeIfAbsent(name, metrics::counter).inc();
  }
}
