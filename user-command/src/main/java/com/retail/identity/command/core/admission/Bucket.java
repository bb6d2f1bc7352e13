package com.retail.identity.command.core.admission;

/**
 * One token bucket a request takes a token from.
 *
 * @param subject what the bucket counts: the address, the subnet, the device id's pseudonym or the
 *     domain
 */
public record Bucket(Action action, BucketKind kind, String subject, Limit limit) {}
