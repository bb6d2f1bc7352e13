package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.resources.EmailVerificationsResource;
import com.retail.identity.command.resources.InternalResource;
import com.retail.identity.command.resources.JwksResource;
import com.retail.identity.command.resources.PasswordResetsResource;
import com.retail.identity.command.resources.SessionsResource;
import com.retail.identity.command.resources.UsersResource;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.testing.OpenApiDocumentRules;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The served document describes what a client sends (the authenticated caller is not a request
 * body) and types every answer.
 */
public class OpenApiDocumentTest {
  public static final List<Class<?>> RESOURCES =
      List.of(
          UsersResource.class,
          SessionsResource.class,
          PasswordResetsResource.class,
          EmailVerificationsResource.class,
          InternalResource.class,
          JwksResource.class);

  @Test
  void givenMethodsThatTakeTheCaller_thenTheDocumentShowsNoCallerAndNoBodyWhereNoneIsSent()
      throws Exception {
    OpenAPI document = OpenApiDocument.read(new UserCommandApplication().openApiConfiguration());

    assertThat(Json.pretty(document)).doesNotContain("Principal");
    assertThat(document.getPaths().get("/v1/sessions/current").getDelete().getRequestBody())
        .isNull();
    assertThat(document.getPaths().get("/v1/users/{id}").getDelete().getRequestBody())
        .as("the owner's current password")
        .isNotNull();
    assertThat(document.getPaths().get("/v1/users/{id}").getPatch().getRequestBody()).isNotNull();
  }

  @Test
  void givenTheResources_thenTheDocumentTypesEveryAnswerAndNamesTheTokenEachOperationNeeds()
      throws Exception {
    OpenAPI document = OpenApiDocument.read(new UserCommandApplication().openApiConfiguration());

    OpenApiDocumentRules.assertComplete(document, RESOURCES);
  }
}
