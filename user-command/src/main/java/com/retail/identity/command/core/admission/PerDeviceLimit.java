package com.retail.identity.command.core.admission;

import java.util.Optional;

/**
 * One bucket per {@code X-Device-Id}, counted under a pseudonym; requests without one take none.
 */
public final class PerDeviceLimit implements RateLimit {
  @Override
  public BucketKind kind() {
    return BucketKind.DEVICE;
  }

  @Override
  public Optional<Bucket> bucketFor(AdmissionRequest request, AdmissionSettings settings) {
    if (request.deviceId() == null) {
      return Optional.empty();
    }
    return bucket(request, Pseudonym.of(request.deviceId()), settings);
  }
}
