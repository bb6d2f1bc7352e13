package com.retail.identity.command.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which bucket of its kind each rate limit picks for a request, and with which limit. */
class RateLimitTest {
  private final AdmissionSettings defaults = AdmissionSettings.DEFAULTS;

  @Test
  void
      givenARegistration_whenThePerAddressLimitPicks_thenTheAddressBucketWithTheRegistrationLimit() {
    AdmissionRequest request =
        AdmissionRequest.register("203.0.113.5", null, "ada@example.com", null);

    Optional<Bucket> bucket = new PerAddressLimit().bucketFor(request, defaults);

    assertThat(bucket)
        .contains(
            new Bucket(Action.REGISTER, BucketKind.ADDRESS, "203.0.113.5", new Limit(10, 10)));
  }

  @Test
  void givenNoClientAddress_whenThePerAddressLimitPicks_thenAllSuchRequestsShareOneBucket() {
    AdmissionRequest request = AdmissionRequest.login(" ", null, "ada@example.com", null);

    assertThat(new PerAddressLimit().bucketFor(request, defaults))
        .map(Bucket::subject)
        .contains("unknown");
  }

  @Test
  void givenALimitTurnedOff_whenItPicks_thenNoBucket() {
    AdmissionSettings off = defaults.withLimit(Action.LOGIN, BucketKind.ADDRESS, new Limit(30, 0));

    assertThat(
            new PerAddressLimit()
                .bucketFor(AdmissionRequest.login("203.0.113.5", null, null, null), off))
        .isEmpty();
  }

  @Test
  void givenIpv4AndIpv6Clients_whenThePerSubnetLimitPicks_thenTheirSlash24AndSlash56() {
    PerSubnetLimit limit = new PerSubnetLimit();

    assertThat(limit.bucketFor(AdmissionRequest.login("203.0.113.77", null, null, null), defaults))
        .map(Bucket::subject)
        .contains("203.0.113.0/24");
    assertThat(
            limit.bucketFor(
                AdmissionRequest.login("2001:db8:1234:56ff::1", null, null, null), defaults))
        .map(Bucket::subject)
        .contains("2001:db8:1234:5600::/56");
    assertThat(limit.bucketFor(AdmissionRequest.login("203.0.113.77", null, null, null), defaults))
        .map(Bucket::limit)
        .contains(new Limit(300, 600));
  }

  @Test
  void givenADeviceId_whenThePerDeviceLimitPicks_thenItsBucketIsNamedByAPseudonymNeverTheId() {
    AdmissionRequest request =
        AdmissionRequest.register("203.0.113.5", "c0ffee-device", "ada@example.com", null);

    Bucket bucket = new PerDeviceLimit().bucketFor(request, defaults).orElseThrow();

    assertThat(bucket.subject())
        .doesNotContain("c0ffee")
        .hasSize(32)
        .isEqualTo(Pseudonym.of("c0ffee-device"));
    assertThat(bucket.limit()).isEqualTo(new Limit(5, 5));
    assertThat(
            new PerDeviceLimit()
                .bucketFor(
                    AdmissionRequest.register("203.0.113.5", null, "a@example.com", null),
                    defaults))
        .as("no device id, no bucket")
        .isEmpty();
  }

  @Test
  void givenABigMailProvider_whenThePerEmailDomainLimitPicksForARegistration_thenNone() {
    PerEmailDomainLimit limit = new PerEmailDomainLimit();

    assertThat(
            limit.bucketFor(
                AdmissionRequest.register("203.0.113.5", null, "ada@GMail.com", null), defaults))
        .isEmpty();
    assertThat(
            limit.bucketFor(
                AdmissionRequest.register("203.0.113.5", null, "ada@farm.example", null), defaults))
        .contains(
            new Bucket(Action.REGISTER, BucketKind.DOMAIN, "farm.example", new Limit(600, 6000)));
    assertThat(
            limit.bucketFor(
                AdmissionRequest.register("203.0.113.5", null, "no-domain", null), defaults))
        .isEmpty();
  }

  @Test
  void givenADomainLimitForLogins_whenItPicks_thenTheExemptionOfRegistrationsDoesNotApply() {
    AdmissionSettings settings =
        defaults
            .withLimit(Action.LOGIN, BucketKind.DOMAIN, new Limit(100, 100))
            .withDomainLimitExempt(Set.of("gmail.com"));

    assertThat(
            new PerEmailDomainLimit()
                .bucketFor(
                    AdmissionRequest.login("203.0.113.5", null, "ada@gmail.com", null), settings))
        .map(Bucket::subject)
        .contains("gmail.com");
    assertThat(
            new PerEmailDomainLimit()
                .bucketFor(
                    AdmissionRequest.login("203.0.113.5", null, "ada@gmail.com", null), defaults))
        .as("off by default for logins")
        .isEmpty();
  }

  @Test
  void allKindsAreCheckedInTheOrderTheirReasonsAreReported() {
    assertThat(RateLimit.all())
        .extracting(RateLimit::kind)
        .containsExactly(
            BucketKind.ADDRESS, BucketKind.SUBNET, BucketKind.DEVICE, BucketKind.DOMAIN);
  }
}
