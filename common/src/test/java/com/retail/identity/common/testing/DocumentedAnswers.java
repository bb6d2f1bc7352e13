package com.retail.identity.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.platform.PlatformApplication;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Holds a service's OpenAPI document to the wire: every answer a test provokes from a documented
 * operation must have a status the document names for that operation, and an error answer must be
 * {@code application/problem+json}. Answers Jersey gives before it matched an operation (an unknown
 * path, a wrong method or media type) are the error contract's business, not the document's. {@link
 * TestStack#app} runs every service of the integration suites this way; the test class of an answer
 * that is not documented fails once its service has stopped, naming each such answer.
 */
public final class DocumentedAnswers implements ContainerResponseFilter {
  private static final String DOCUMENT_URI = "https://identity.invalid/openapi.json";

  private final SwaggerConfiguration configuration;
  private final ObjectMapper json;
  private final Set<String> undocumented = ConcurrentHashMap.newKeySet();
  private final Map<Method, Optional<String>> operationOf = new ConcurrentHashMap<>();
  private final Map<String, Optional<Schema>> bodySchemas = new ConcurrentHashMap<>();
  private volatile Document document;

  /** The document's operations by name, and its JSON for the schemas of their bodies. */
  private record Document(Map<String, Operation> operations, SchemaRegistry schemas) {}

  private DocumentedAnswers(SwaggerConfiguration configuration, ObjectMapper json) {
    this.configuration = configuration;
    this.json = json;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo uri)
        || request.getProperty(SIMULATED_CRASH) != null) {
      return; // a simulated process death has no answer in reality (its 500 is the test's own)
    }
    ResourceMethod matched = uri.getMatchedResourceMethod();
    if (matched == null) {
      return;
    }
    Method method = matched.getInvocable().getDefinitionMethod();
    Optional<String> name = operationOf.computeIfAbsent(method, DocumentedAnswers::operationName);
    Optional<Operation> operation = name.flatMap(this::documented);
    if (operation.isEmpty()) {
      return; // not part of the document (the document's own resource, a hidden local helper)
    }
    String status = Integer.toString(response.getStatus());
    if (!operation.get().getResponses().containsKey(status)) {
      undocumented.add(name.get() + " answered " + status + " (not in the document)");
    }
    MediaType type = response.getMediaType();
    if (response.getStatus() >= 400
        && (type == null || !Problem.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype()))) {
      undocumented.add(name.get() + " answered " + status + " as " + type + ", not problem+json");
    }
    if (type != null && response.hasEntity()) {
      String mediaType = type.getType() + "/" + type.getSubtype();
      bodySchemaOf(name.get(), status, mediaType)
          .ifPresent(schema -> checkBody(name.get(), status, schema, response.getEntity()));
    }
  }

  /** The schema the document gives the body of this answer, if it gives one. */
  private Optional<Schema> bodySchemaOf(String name, String status, String mediaType) {
    return bodySchemas.computeIfAbsent(
        name + " " + status + " " + mediaType,
        key -> {
          io.swagger.v3.oas.models.responses.ApiResponse answer =
              document().operations().get(name).getResponses().get(status);
          if (answer == null
              || answer.getContent() == null
              || answer.getContent().get(mediaType) == null
              || answer.getContent().get(mediaType).getSchema() == null) {
            return Optional.empty();
          }
          String method = name.substring(0, name.indexOf(' ')).toLowerCase(Locale.ROOT);
          String path = name.substring(name.indexOf(' ') + 1);
          String pointer =
              "/paths/"
                  + pointerSegment(path)
                  + "/"
                  + method
                  + "/responses/"
                  + status
                  + "/content/"
                  + pointerSegment(mediaType)
                  + "/schema";
          return Optional.of(
              document().schemas().getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + pointer)));
        });
  }

  private static String pointerSegment(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** The body as it goes on the wire (the service's own mapper) against the document's schema. */
  private void checkBody(String name, String status, Schema schema, Object entity) {
    JsonNode body;
    try {
      body = entity instanceof String text ? json.readTree(text) : json.valueToTree(entity);
    } catch (Exception e) {
      undocumented.add(name + " answered " + status + " with a body that is not JSON");
      return;
    }
    List<com.networknt.schema.Error> errors = schema.validate(body);
    if (!errors.isEmpty()) {
      undocumented.add(
          name
              + " answered "
              + status
              + " with a body its schema refuses: "
              + errors.stream().limit(3).map(Object::toString).toList());
    }
  }

  private static final String SIMULATED_CRASH = DocumentedAnswers.class.getName() + ".crash";

  /** Marks requests that a test stopped at a crash point ({@link CrashPoints}). */
  private static final class SimulatedCrashes implements ApplicationEventListener {
    @Override
    public void onEvent(ApplicationEvent event) {}

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
      return event -> {
        if (event.getType() == RequestEvent.Type.ON_EXCEPTION && isCrash(event.getException())) {
          event.getContainerRequest().setProperty(SIMULATED_CRASH, Boolean.TRUE);
        }
      };
    }

    private static boolean isCrash(Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (t instanceof CrashPoints.Crash) {
          return true;
        }
      }
      return false;
    }
  }

  private static Optional<String> operationName(Method method) {
    return OpenApiDocument.methodsOf(List.of(method.getDeclaringClass())).entrySet().stream()
        .filter(e -> e.getValue().equals(method))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private Optional<Operation> documented(String name) {
    return Optional.ofNullable(document().operations().get(name));
  }

  /**
   * Read once, by the first answer: a read scans the whole test classpath (hundreds of MB for a
   * moment), so the answers that arrive meanwhile wait for it instead of each scanning too.
   */
  private Document document() {
    Document read = document;
    if (read == null) {
      synchronized (this) {
        read = document;
        if (read == null) {
          try {
            OpenAPI openApi = OpenApiDocument.read(configuration);
            String text = OpenApiDocument.json(openApi);
            read =
                document =
                    new Document(
                        OpenApiDocument.operations(openApi),
                        SchemaRegistry.withDefaultDialect(
                            Dialects.getOpenApi31(),
                            registry -> registry.schemas(Map.of(DOCUMENT_URI, text))));
          } catch (Exception e) {
            throw new IllegalStateException("cannot read the service's OpenAPI document", e);
          }
        }
      }
    }
    return read;
  }

  /**
   * A service under test whose answers are held to its document. (A factory, so that {@link
   * TestStack} loads the Dropwizard test classes only in modules that start services.)
   */
  static <C extends Configuration> DropwizardAppExtension<C> app(
      Class<? extends Application<C>> application,
      String configFile,
      String prefix,
      ConfigOverride... overrides) {
    return new CheckedApp<>(application, configFile, prefix, overrides);
  }

  /**
   * A service under test whose answers are held to its document; a service without a document runs
   * unchecked. The check is registered just before the server is built, after the application's own
   * run, while Jersey still takes new components.
   */
  private static final class CheckedApp<C extends Configuration> extends DropwizardAppExtension<C> {
    private final Holder holder;

    CheckedApp(
        Class<? extends Application<C>> application,
        String configFile,
        String prefix,
        ConfigOverride... overrides) {
      this(application, configFile, prefix, new Holder(), overrides);
    }

    private CheckedApp(
        Class<? extends Application<C>> application,
        String configFile,
        String prefix,
        Holder holder,
        ConfigOverride... overrides) {
      super(application, configFile, prefix, app -> checkedServer(app, holder), overrides);
      this.holder = holder;
    }

    /** Called by DropwizardExtensionsSupport once the test class is done. */
    @Override
    public void after() {
      super.after();
      DocumentedAnswers checked = holder.answers;
      if (checked != null && !checked.undocumented.isEmpty()) {
        throw new AssertionError(
            "answers the service's OpenAPI document does not name: "
                + checked.undocumented.stream().sorted().toList());
      }
    }
  }

  /** The checker of the one service an extension runs. */
  private static final class Holder {
    volatile DocumentedAnswers answers;
  }

  /** The configuration the application serves its document from, if it is one of the platform's. */
  private static Optional<SwaggerConfiguration> documentOf(Application<?> application) {
    return application instanceof PlatformApplication<?> service
        ? Optional.of(service.openApiConfiguration())
        : Optional.empty();
  }

  private static <C extends Configuration> Command checkedServer(
      Application<C> application, Holder holder) {
    return new ServerCommand<>(application) {
      @Override
      protected void run(Environment environment, Namespace namespace, C configuration)
          throws Exception {
        documentOf(application)
            .ifPresent(
                document -> {
                  holder.answers = new DocumentedAnswers(document, environment.getObjectMapper());
                  environment.jersey().register(holder.answers);
                  environment.jersey().register(new SimulatedCrashes());
                });
        super.run(environment, namespace, configuration);
      }
    };
  }
}
