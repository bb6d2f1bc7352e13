package com.retail.identity.command.core.admission;

import java.util.List;
import java.util.Optional;

/** Decides which token bucket of one kind, if any, a request takes a token from. */
public interface RateLimit {
  BucketKind kind();

  Optional<Bucket> bucketFor(AdmissionRequest request, AdmissionSettings settings);

  /** Every kind, in the order they are checked: the first empty bucket names the 429's reason. */
  static List<RateLimit> all() {
    return List.of(
        new PerAddressLimit(),
        new PerSubnetLimit(),
        new PerDeviceLimit(),
        new PerEmailDomainLimit());
  }

  /** The bucket of {@code subject}, unless its limit is off. */
  default Optional<Bucket> bucket(
      AdmissionRequest request, String subject, AdmissionSettings settings) {
    Limit limit = settings.limit(request.action(), kind());
    return limit.isOff()
        ? Optional.empty()
        : Optional.of(new Bucket(request.action(), kind(), subject, limit));
  }
}
