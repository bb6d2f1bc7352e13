package com.retail.identity.command.core.admission;

import java.util.Optional;

/**
 * One bucket per email domain (a catch-all domain of a bot farm); registrations with the big mail
 * providers of {@link AdmissionSettings#domainLimitExempt()} skip it.
 */
public final class PerEmailDomainLimit implements RateLimit {
  @Override
  public BucketKind kind() {
    return BucketKind.DOMAIN;
  }

  @Override
  public Optional<Bucket> bucketFor(AdmissionRequest request, AdmissionSettings settings) {
    String domain = request.emailDomain();
    if (domain == null
        || request.action() == Action.REGISTER && settings.domainLimitExempt().contains(domain)) {
      return Optional.empty();
    }
    return bucket(request, domain, settings);
  }
}
