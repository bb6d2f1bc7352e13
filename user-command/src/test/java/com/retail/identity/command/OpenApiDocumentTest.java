package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;

/**
 * The served document describes what a client sends: the authenticated caller is not a request
 * body.
 */
class OpenApiDocumentTest {
  @Test
  void givenMethodsThatTakeTheCaller_thenTheDocumentShowsNoCallerAndNoBodyWhereNoneIsSent()
      throws Exception {
    OpenAPI document =
        new JaxrsOpenApiContextBuilder<>()
            .ctxId("openapi-document-test")
            .openApiConfiguration(UserCommandApplication.openApiConfiguration())
            .buildContext(true)
            .read();

    assertThat(Json.pretty(document)).doesNotContain("Principal");
    assertThat(document.getPaths().get("/v1/sessions/current").getDelete().getRequestBody())
        .isNull();
    assertThat(document.getPaths().get("/v1/users/{id}").getDelete().getRequestBody())
        .as("the owner's current password")
        .isNotNull();
    assertThat(document.getPaths().get("/v1/users/{id}").getPatch().getRequestBody()).isNotNull();
  }
}
