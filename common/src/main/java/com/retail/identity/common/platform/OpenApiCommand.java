package com.retail.identity.common.platform;

import com.retail.identity.common.http.OpenApiDocument;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar <service>.jar openapi <file>}: writes the service's OpenAPI document, the one
 * {@code GET /openapi.json} serves, without starting the service or reading its configuration. The
 * build writes it this way to generate the typed client its integration tests use; an app team can
 * do the same from a release's jar.
 */
final class OpenApiCommand extends Command {
  private final Supplier<SwaggerConfiguration> configuration;

  OpenApiCommand(Supplier<SwaggerConfiguration> configuration) {
    super("openapi", "Writes this service's OpenAPI document (as GET /openapi.json serves it)");
    this.configuration = configuration;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("file").help("where to write the document (JSON)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    Path file = Path.of(namespace.getString("file"));
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    String json = OpenApiDocument.json(OpenApiDocument.read(configuration.get()));
    Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
  }
}
