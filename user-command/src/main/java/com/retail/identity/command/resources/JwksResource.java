package com.retail.identity.command.resources;

import com.retail.identity.common.tokens.PublicEndpoint;
import com.retail.identity.common.tokens.SigningKeys;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public keys that verify access tokens. */
@Path("/.well-known/jwks.json")
public final class JwksResource {
  private final SigningKeys keys;

  public JwksResource(SigningKeys keys) {
    this.keys = keys;
  }

  @ApiResponse(
      responseCode = "200",
      description = "The public keys that verify the platform's tokens (JWK set).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = "object",
                      requiredProperties = {"keys"},
                      description = "An RFC 7517 JWK set: {\"keys\": [...]}")))
  @GET
  @PublicEndpoint("public keys, for whoever verifies our tokens")
  @Produces(MediaType.APPLICATION_JSON)
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(keys.publicSet().toString(true)).cacheControl(cache).build();
  }
}
