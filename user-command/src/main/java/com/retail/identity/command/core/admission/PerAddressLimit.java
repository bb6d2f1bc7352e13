package com.retail.identity.command.core.admission;

import java.util.Optional;

/** One bucket per client address (requests without one share the {@code unknown} bucket). */
public final class PerAddressLimit implements RateLimit {
  @Override
  public BucketKind kind() {
    return BucketKind.ADDRESS;
  }

  @Override
  public Optional<Bucket> bucketFor(AdmissionRequest request, AdmissionSettings settings) {
    return bucket(request, request.addressOrUnknown(), settings);
  }
}
