package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document lists every operation the resources implement, and nothing else. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  static final List<Class<?>> RESOURCES =
      List.of(
          UsersResource.class,
          SessionsResource.class,
          PasswordResetsResource.class,
          EmailVerificationsResource.class,
          InternalResource.class,
          JwksResource.class);

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
    List<String> operations = new ArrayList<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        for (Annotation annotation : method.getAnnotations()) {
          HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
          if (http != null) {
            Path sub = method.getAnnotation(Path.class);
            operations.add(
                http.value() + " " + (base + (sub == null ? "" : sub.value())).replace("//", "/"));
          }
        }
      }
    }
    return operations;
  }
}
