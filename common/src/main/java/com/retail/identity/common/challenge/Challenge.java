package com.retail.identity.common.challenge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A proof-of-work challenge exactly as the ALTCHA widget expects it from its {@code challengeurl}:
 * find {@code number} in [0, maxnumber] with {@code SHA-256(salt + number) == challenge}. The
 * signature (HMAC of the challenge) lets any service holding the key check a solution statelessly;
 * the salt carries {@code ?expires=<unix seconds>}.
 */
@JsonPropertyOrder({"algorithm", "challenge", "maxnumber", "salt", "signature"})
public record Challenge(
    @JsonProperty("algorithm") String algorithm,
    @JsonProperty("challenge") String challenge,
    @JsonProperty("maxnumber") long maxnumber,
    @JsonProperty("salt") String salt,
    @JsonProperty("signature") String signature) {}
