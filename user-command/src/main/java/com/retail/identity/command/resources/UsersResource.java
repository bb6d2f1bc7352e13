package com.retail.identity.command.resources;

import com.retail.identity.command.api.RegistrationRequest;
import com.retail.identity.command.api.RegistrationResponse;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.common.http.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/v1/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
  private final RegisterUser registerUser;

  public UsersResource(RegisterUser registerUser) {
    this.registerUser = registerUser;
  }

  @POST
  public Response register(@NotNull @Valid RegistrationRequest request, @Context HttpServletRequest http) {
    String correlationId = (String) http.getAttribute(RequestIdFilter.MDC_KEY);
    RegisterUser.Registered registered = registerUser.register(request, RegisterUser.customerRoles(), correlationId);
    return Response.created(URI.create("/v1/users/" + registered.userId()))
        .entity(new RegistrationResponse(registered.userId(), registered.version()))
        .build();
  }
}
