package com.retail.identity.common.errors;

import com.retail.identity.common.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own errors (404, 405, 406, 415, ...) as problem+json. */
public final class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    if (original.hasEntity() && original.getEntity() instanceof Problem) {
      return original;
    }
    int status = original.getStatus();
    String detail =
        switch (status) {
          case 404 -> "No such resource.";
          case 405 -> "This method is not allowed on this resource.";
          case 406 -> "This resource answers application/json only.";
          case 415 -> "Send the body as application/json.";
          default -> exception.getMessage();
        };
    Response problem = ProblemResponses.of(ProblemResponses.forStatus(status, detail));
    Response.ResponseBuilder builder = Response.fromResponse(problem);
    // Keep protocol headers such as Allow or Retry-After.
    original
        .getStringHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    return builder.build();
  }
}
