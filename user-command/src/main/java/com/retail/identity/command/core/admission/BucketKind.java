package com.retail.identity.command.core.admission;

import java.util.Locale;

/** What a token bucket counts requests per, in the order the buckets are checked and reported. */
public enum BucketKind {
  /** The client address. */
  ADDRESS,
  /** The client's /24 (IPv4) or /56 (IPv6) network. */
  SUBNET,
  /** The {@code X-Device-Id} header. */
  DEVICE,
  /** The domain of the email in the request. */
  DOMAIN;

  /** The knob name segment and the reason of a 429: {@code address}, {@code subnet}, ... */
  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }
}
