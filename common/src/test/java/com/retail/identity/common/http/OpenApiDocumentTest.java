package com.retail.identity.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.testing.OpenApiDocumentRules;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the platform adds to every generated document, and the rules that hold each service to it.
 */
class OpenApiDocumentTest {
  /** Two well-described operations: one public, one behind a token. */
  @Path("/v1/things")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public static final class Described {
    @ApiResponse(responseCode = "200", description = "The things.")
    @GET
    @PublicEndpoint
    public Response list() {
      return Response.ok().build();
    }

    @ApiResponse(responseCode = "201", description = "Made.")
    @ApiResponse(responseCode = "409", description = "Already there.")
    @POST
    @PermitAll
    public Response make(Thing thing) {
      return Response.status(201).build();
    }
  }

  public record Thing(String name) {}

  /** An operation that names no success answer: a generated client could not type it. */
  @Path("/v1/vague")
  public static final class Vague {
    @GET
    @PermitAll
    public Response read() {
      return Response.ok().build();
    }
  }

  /** Another resource with a method named as one of {@link Described}'s. */
  @Path("/v1/other-things")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public static final class AlsoLists {
    @ApiResponse(responseCode = "200", description = "Other things.")
    @GET
    @PublicEndpoint
    public Response list() {
      return Response.ok().build();
    }
  }

  @Test
  void givenDescribedResources_thenTheDocumentAddsTokensProblemsAndTheAnswersAnyOperationCanGive()
      throws Exception {
    // Given the document of a well-described resource
    OpenAPI document = OpenApiDocument.read(configurationOf(Described.class));

    // Then the public operation has no security, the other the bearer scheme and a 401
    Operation list = document.getPaths().get("/v1/things").getGet();
    Operation make = document.getPaths().get("/v1/things").getPost();
    assertThat(list.getSecurity()).isNullOrEmpty();
    assertThat(make.getSecurity()).hasSize(1);
    assertThat(make.getResponses()).containsKeys("201", "400", "401", "409", "503");
    assertThat(make.getResponses().get("409").getContent()).containsKey("application/problem+json");
    // And each operation is tagged by its resource and named after its method
    assertThat(make.getTags()).containsExactly("Described");
    assertThat(make.getOperationId()).isEqualTo("make");
    // And the rules every service is held to pass
    OpenApiDocumentRules.assertComplete(document, List.of(Described.class));
  }

  @Test
  void givenTwoResourceMethodsOfOneName_thenTheRulesRefuseTheNumberedOperationId()
      throws Exception {
    // Given two resources whose methods share a name (swagger numbers the second: list1)
    SwaggerConfiguration both =
        configurationOf(Described.class)
            .resourceClasses(Set.of(Described.class.getName(), AlsoLists.class.getName()));
    OpenAPI document = OpenApiDocument.read(both);

    // Then a client generated from it would call "list1": the rules refuse it
    assertThatThrownBy(
            () ->
                OpenApiDocumentRules.assertComplete(
                    document, List.of(Described.class, AlsoLists.class)))
        .hasMessageContaining("operationId");
  }

  @Test
  void givenAnOperationWithoutANamedSuccessAnswer_thenTheRulesRefuseTheDocument() throws Exception {
    OpenAPI document = OpenApiDocument.read(configurationOf(Vague.class));

    assertThatThrownBy(() -> OpenApiDocumentRules.assertComplete(document, List.of(Vague.class)))
        .hasMessageContaining("names its success answer");
  }

  /** A success without a body, from a resource that answers application/json only. */
  @Path("/v1/forgotten")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class JsonOnly {
    @ApiResponse(responseCode = "204", description = "Forgotten.")
    @DELETE
    @PermitAll
    public Response forget() {
      return Response.noContent().build();
    }
  }

  @Test
  void givenASuccessWithoutABodyThatRefusesAcceptProblemJson_thenTheRulesRefuseTheDocument()
      throws Exception {
    // Given an operation whose only documented body is the problem (a generated client then sends
    // Accept: application/problem+json alone), whose resource answers application/json only
    OpenAPI document = OpenApiDocument.read(configurationOf(JsonOnly.class));

    // Then the rules refuse it: that client would get 406 for every call
    assertThatThrownBy(() -> OpenApiDocumentRules.assertComplete(document, List.of(JsonOnly.class)))
        .hasMessageContaining("success without a body");
  }

  @Test
  void givenAResourceTheDocumentDoesNotShow_thenTheRulesRefuseTheDocument() throws Exception {
    OpenAPI document = OpenApiDocument.read(configurationOf(Described.class));

    assertThatThrownBy(
            () ->
                OpenApiDocumentRules.assertComplete(
                    document, List.of(Described.class, Vague.class)))
        .isInstanceOf(AssertionError.class);
  }

  private static SwaggerConfiguration configurationOf(Class<?> resource) {
    return OpenApiDocument.configuration("test", "test", "unused")
        .resourceClasses(Set.of(resource.getName()))
        .resourcePackages(null);
  }
}
