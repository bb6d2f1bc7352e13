package com.retail.identity.common.tokens;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** Access-token claims and lifetimes shared by the issuer and every verifier. */
public class TokenSettings {
  @JsonProperty @NotEmpty private String issuer = "https://identity.retail.example";

  @JsonProperty @NotEmpty private String audience = "retail-apps";

  /** At most 15 minutes: ended sessions are remembered that long (ADR 0003). */
  @JsonProperty
  @Min(30)
  @Max(900)
  private int accessTokenSeconds = 900;

  public String getIssuer() {
    return issuer;
  }

  public String getAudience() {
    return audience;
  }

  public int getAccessTokenSeconds() {
    return accessTokenSeconds;
  }
}
