package com.retail.identity.command.core.admission;

import java.util.Optional;

/** One bucket per /24 (IPv4) or /56 (IPv6) network: a bot rotating addresses in its own range. */
public final class PerSubnetLimit implements RateLimit {
  @Override
  public BucketKind kind() {
    return BucketKind.SUBNET;
  }

  @Override
  public Optional<Bucket> bucketFor(AdmissionRequest request, AdmissionSettings settings) {
    return bucket(request, ClientAddresses.subnetOf(request.addressOrUnknown()), settings);
  }
}
