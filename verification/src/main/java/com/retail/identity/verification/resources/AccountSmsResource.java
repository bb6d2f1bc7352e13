package com.retail.identity.verification.resources;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.AccountSmsRequest;
import com.retail.identity.verification.core.SendAccountSms;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Account messages by SMS for the platform's services (a service token): 202 sent; 404 when the
 * phone is not the account's verified phone; 503 with Retry-After when the SMS budget or SNS stops
 * it.
 */
@Path("/internal/account-sms")
@RolesAllowed(Principal.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class AccountSmsResource {
  private final SendAccountSms sms;

  public AccountSmsResource(SendAccountSms sms) {
    this.sms = sms;
  }

  @ApiResponse(
      responseCode = "202",
      description = "Accepted: the SMS goes out to the account's verified phone.")
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not a platform service's.")
  @ApiResponse(responseCode = "404", description = "The phone is not the account's verified phone.")
  @POST
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response send(@NotNull @Valid AccountSmsRequest request) {
    sms.send(
        new SendAccountSms.Command(
            UUID.fromString(request.userId()),
            request.phone(),
            SendAccountSms.Kind.PASSWORD_RESET,
            request.secret(),
            request.minutes(),
            request.language()));
    return Response.accepted().build();
  }
}
