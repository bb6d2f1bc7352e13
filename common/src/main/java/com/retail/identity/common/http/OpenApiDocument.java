package com.retail.identity.common.http;

import com.fasterxml.jackson.annotation.JsonView;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.dropwizard.auth.Auth;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /openapi.json} of a service: OpenAPI 3.1 generated from its JAX-RS resources (so the
 * paths cannot drift from them), with what the resources cannot say themselves added the same way
 * for every service: the bearer token scheme on every operation that is not a {@link
 * PublicEndpoint}, and the RFC 9457 problem body on every error answer, including the ones any
 * operation can give (400 for a malformed body and 415 for one that is not JSON, 401 without a
 * valid token, 503 when overloaded or a store is down, with {@code Retry-After}). Each resource
 * method names its own success and domain error codes with {@code @ApiResponse}.
 */
public final class OpenApiDocument {
  public static final String BEARER = "bearer";
  static final String PROBLEM = "Problem";

  private OpenApiDocument() {}

  public static OpenApiResource resource(SwaggerConfiguration configuration) {
    OpenApiResource resource = new OpenApiResource();
    resource.setOpenApiConfiguration(configuration);
    return resource;
  }

  /** The document {@code GET /openapi.json} serves, read from the same configuration. */
  public static OpenAPI read(SwaggerConfiguration configuration) throws Exception {
    // A context per call: contexts are cached by id for the life of the JVM.
    return new JaxrsOpenApiContextBuilder<>()
        .ctxId("openapi-read-" + UUID.randomUUID())
        .openApiConfiguration(configuration)
        .buildContext(true)
        .read();
  }

  /** The document as JSON, as the service serves it. */
  public static String json(OpenAPI document) {
    return Json31.pretty(document);
  }

  /** The document of the resources in {@code resourcePackage}. */
  public static SwaggerConfiguration configuration(
      String title, String description, String resourcePackage) {
    OpenAPI document =
        new OpenAPI().info(new Info().title(title).version("1").description(description));
    return new SwaggerConfiguration()
        .openAPI(document)
        .openAPI31(true)
        .prettyPrint(true)
        .resourcePackages(Set.of(resourcePackage))
        .readerClass(PlatformReader.class.getName());
  }

  /**
   * Reads the resources without their {@code @Auth} parameters (the caller comes from the token,
   * not from the request body), then adds the security and problem answers.
   */
  public static final class PlatformReader extends Reader {
    @Override
    protected ResolvedParameter getParameters(
        Type type,
        List<Annotation> annotations,
        Operation operation,
        Consumes classConsumes,
        Consumes methodConsumes,
        JsonView jsonView) {
      if (annotations.stream().anyMatch(Auth.class::isInstance)) {
        return new ResolvedParameter();
      }
      return super.getParameters(
          type, annotations, operation, classConsumes, methodConsumes, jsonView);
    }

    @Override
    public OpenAPI read(Set<Class<?>> classes, Map<String, Object> resources) {
      OpenAPI document = super.read(classes, resources);
      complete(document, methodsOf(classes));
      return document;
    }
  }

  /** "METHOD /path" of every resource method of {@code resources}. */
  public static Map<String, Method> methodsOf(Iterable<Class<?>> resources) {
    Map<String, Method> operations = new LinkedHashMap<>();
    for (Class<?> resource : resources) {
      Path classPath = resource.getAnnotation(Path.class);
      String base = classPath == null ? "" : classPath.value();
      for (Method method : resource.getDeclaredMethods()) {
        for (Annotation annotation : method.getAnnotations()) {
          HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
          if (http != null) {
            Path sub = method.getAnnotation(Path.class);
            String path =
                ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
            if (path.length() > 1 && path.endsWith("/")) {
              path = path.substring(0, path.length() - 1);
            }
            operations.put(http.value() + " " + path, method);
          }
        }
      }
    }
    return operations;
  }

  /** The document's operations by "METHOD /path", the names {@link #methodsOf} gives. */
  public static Map<String, Operation> operations(OpenAPI document) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    if (document.getPaths() != null) {
      document
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (http, operation) ->
                              operations.put(http.name() + " " + path, operation)));
    }
    return operations;
  }

  static void complete(OpenAPI document, Map<String, Method> methods) {
    Components components =
        document.getComponents() == null ? new Components() : document.getComponents();
    document.setComponents(components);
    components.addSecuritySchemes(
        BEARER,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("An access token from POST /v1/sessions (or a service token)."));
    ModelConverters.getInstance(true).readAll(Problem.class).forEach(components::addSchemas);
    // Extension members (challenge, requestId, ...) sit beside the standard ones on the wire.
    Schema<?> problem = components.getSchemas().get(PROBLEM);
    problem.getProperties().remove("extensions");
    problem.setRequired(List.of("type", "title", "status"));
    problem.setAdditionalProperties(true);
    operations(document).forEach((name, operation) -> complete(operation, methods.get(name), name));
  }

  private static void complete(Operation operation, Method method, String name) {
    if (method == null) {
      throw new IllegalStateException("no resource method for " + name);
    }
    if (operation.getTags() == null || operation.getTags().isEmpty()) {
      // One tag per resource, so a generated client has one API class per resource (UsersApi).
      operation.setTags(
          List.of(method.getDeclaringClass().getSimpleName().replace("Resource", "")));
    }
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    boolean named = responses.keySet().stream().anyMatch(code -> code.startsWith("2"));
    if (named) {
      responses.remove("default");
    }
    if (method.isAnnotationPresent(PublicEndpoint.class)) {
      operation.setSecurity(null);
    } else {
      operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
      responses.putIfAbsent("401", problem("No valid access token."));
    }
    if (operation.getRequestBody() != null) {
      responses.putIfAbsent("400", problem("The body is not valid JSON or names a field wrongly."));
      responses.putIfAbsent("415", problem("The body is not sent as application/json."));
    }
    responses.putIfAbsent(
        "503",
        problem("Overloaded or a store is down: retry after Retry-After seconds.")
            .addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())));
    responses.forEach(
        (code, response) -> {
          if (code.matches("[45]\\d\\d")) {
            response.setContent(problemContent());
          }
        });
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse().description(description).content(problemContent());
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            Problem.MEDIA_TYPE,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }
}
