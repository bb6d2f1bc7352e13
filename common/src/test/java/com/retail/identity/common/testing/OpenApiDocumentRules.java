package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.ws.rs.Produces;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * What every service's OpenAPI document must say, so that a client generated from it is typed:
 * OpenAPI 3.1, exactly the operations the resources implement, one named success answer each, the
 * RFC 9457 problem body on every error answer, and the bearer scheme on exactly the operations that
 * are not {@link PublicEndpoint}s (with their 401).
 */
public final class OpenApiDocumentRules {
  private OpenApiDocumentRules() {}

  public static void assertComplete(OpenAPI document, List<Class<?>> resources) {
    assertThat(document.getOpenapi()).startsWith("3.1");
    assertThat(document.getComponents().getSchemas().get("Problem").getRequired())
        .containsExactlyInAnyOrder("type", "title", "status");
    Map<String, Method> implemented = OpenApiDocument.methodsOf(resources);
    Map<String, Operation> documented = OpenApiDocument.operations(document);
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(implemented.keySet());
    documented.forEach(
        (name, operation) -> assertOperation(name, operation, implemented.get(name)));
  }

  private static List<String> producedBy(Method method) {
    Produces produces = method.getAnnotation(Produces.class);
    if (produces == null) {
      produces = method.getDeclaringClass().getAnnotation(Produces.class);
    }
    return produces == null ? List.of() : List.of(produces.value());
  }

  private static void assertOperation(String name, Operation operation, Method method) {
    // A generated client names its call after the operationId: the resource method's own name,
    // not one swagger made unique with a number (confirm1).
    assertThat(operation.getOperationId()).as("%s operationId", name).isEqualTo(method.getName());
    assertThat(operation.getResponses().keySet())
        .as("%s names its success answer, and no catch-all", name)
        .doesNotContain("default")
        .filteredOn(code -> code.startsWith("2"))
        .hasSize(1);
    operation
        .getResponses()
        .forEach(
            (code, response) -> {
              if (code.matches("[45]\\d\\d")) {
                MediaType problem = response.getContent().get(Problem.MEDIA_TYPE);
                assertThat(problem).as("%s answers %s with problem+json", name, code).isNotNull();
                assertThat(problem.getSchema().get$ref())
                    .as("%s answers %s with a Problem", name, code)
                    .endsWith("/Problem");
              }
            });
    assertThat(operation.getResponses()).as("%s can be overloaded", name).containsKey("503");
    operation.getResponses().entrySet().stream()
        .filter(answer -> answer.getKey().startsWith("2"))
        .filter(answer -> answer.getValue().getContent() == null)
        .forEach(
            empty ->
                // Its only documented body is the problem: a generated client accepts just that.
                assertThat(producedBy(method))
                    .as("%s (success without a body) answers Accept: %s", name, Problem.MEDIA_TYPE)
                    .contains(Problem.MEDIA_TYPE));
    if (operation.getRequestBody() != null) {
      assertThat(operation.getResponses()).as("%s refuses a bad body", name).containsKey("400");
    }
    if (method.isAnnotationPresent(PublicEndpoint.class)) {
      assertThat(operation.getSecurity()).as("%s is public", name).isNullOrEmpty();
    } else {
      assertThat(operation.getSecurity())
          .as("%s needs a bearer token", name)
          .containsExactly(new SecurityRequirement().addList(OpenApiDocument.BEARER));
      assertThat(operation.getResponses()).as("%s without a token", name).containsKey("401");
    }
  }
}
