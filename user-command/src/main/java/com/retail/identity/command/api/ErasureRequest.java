package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code DELETE /v1/users/{id}}: the owner's current password (an admin sends none).
 */
public record ErasureRequest(
    @JsonProperty("currentPassword") @Size(max = 128) String currentPassword) {

  @Override
  public String toString() {
    return "ErasureRequest[]";
  }
}
