package com.retail.identity.verification.resources;

import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Proof-of-work challenges in ALTCHA's format: the ALTCHA widget's {@code challengeurl}. */
@Path("/v1/challenges")
@Produces(MediaType.APPLICATION_JSON)
public final class ChallengesResource {
  private final Challenges challenges;

  public ChallengesResource(Challenges challenges) {
    this.challenges = challenges;
  }

  @ApiResponse(
      responseCode = "200",
      description = "A proof-of-work challenge in ALTCHA's format.",
      content = @Content(schema = @Schema(implementation = Challenge.class)))
  @GET
  @PublicEndpoint("the widget fetches a challenge before the customer registers or logs in")
  public Response challenge() {
    Challenge challenge = challenges.issue();
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(challenge).cacheControl(noStore).build();
  }
}
