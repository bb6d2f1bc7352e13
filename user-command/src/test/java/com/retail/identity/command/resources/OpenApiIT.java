package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.OpenApiDocumentTest;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.http.OpenApiDocument;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document lists every operation the resources implement, and nothing else. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  @Test
  void everyResourceOperationIsInTheDocument() {
    HttpResponse<String> response = new Http(APP.getLocalPort()).send("GET", "/openapi.json", null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = Http.json(response).get("paths");

    List<String> implemented = operations();
    List<String> documented = new ArrayList<>();
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> documented.add(method.toUpperCase() + " " + path.getKey())));

    assertThat(implemented)
        .contains(
            "POST /v1/users",
            "POST /v1/sessions",
            "POST /v1/sessions/refresh",
            "DELETE /v1/sessions/current",
            "PATCH /v1/users/{id}",
            "PUT /v1/users/{id}/password",
            "DELETE /v1/users/{id}",
            "POST /v1/password-resets",
            "POST /v1/password-resets/confirm",
            "POST /v1/email-verifications",
            "POST /v1/email-verifications/confirm",
            "GET /.well-known/jwks.json");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(implemented);
  }

  static List<String> operations() {
    return List.copyOf(OpenApiDocument.methodsOf(OpenApiDocumentTest.RESOURCES).keySet());
  }
}
