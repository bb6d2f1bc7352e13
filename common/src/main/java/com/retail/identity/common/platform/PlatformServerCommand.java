package com.retail.identity.common.platform;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's {@code server} command, failing with a one-line reason (the full trace goes to the
 * log).
 */
final class PlatformServerCommand<T extends PlatformConfiguration> extends ServerCommand<T> {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformServerCommand.class);
  private final String serviceName;

  PlatformServerCommand(Application<T> application) {
    super(application);
    this.serviceName = application.getName();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable error) {
    LOG.error("{} failed to start", serviceName, error);
    cli.getStdErr().println(serviceName + " failed to start: " + reason(error));
    cli.getStdErr().flush();
  }

  static String reason(Throwable error) {
    StringBuilder reason = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && reason.indexOf(message) < 0) {
        if (!reason.isEmpty()) {
          reason.append(" <- ");
        }
        reason.append(message.strip().replaceAll("\\s*\\n\\s*", " "));
      }
      if (t instanceof OneLineConfigurationFactory.OneLineConfigurationException) {
        break;
      }
    }
    return reason.isEmpty() ? error.getClass().getSimpleName() : reason.toString();
  }
}
