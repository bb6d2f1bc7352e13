package com.retail.identity.query.resources;

import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.tokens.PublicEndpoint;
import com.retail.identity.query.api.CountryView;
import com.retail.identity.query.core.CountryCatalog;
import com.retail.identity.query.core.ReadModelUnavailable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /v1/reference/countries}: public reference data (registration forms need it before
 * sign-up).
 */
@Path("/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
public final class ReferenceResource {
  private final CountryCatalog countries;

  public ReferenceResource(CountryCatalog countries) {
    this.countries = countries;
  }

  @ApiResponse(
      responseCode = "200",
      description = "The countries a customer may register from, with their calling codes.",
      content =
          @Content(array = @ArraySchema(schema = @Schema(implementation = CountryView.class))))
  @GET
  @Path("/countries")
  @PublicEndpoint("registration forms need the countries before sign-up")
  public Response countries() {
    List<CountryView> list;
    try {
      list =
          countries.countries().stream()
              .map(c -> new CountryView(c.code(), c.name(), c.callingCode()))
              .toList();
    } catch (ReadModelUnavailable e) {
      throw ProblemException.unavailable("Reference data is unavailable; retry shortly.", 5);
    }
    return Response.ok(list).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
  }
}
