package com.retail.identity.common.config;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin task that sets or clears a runtime knob override without a restart: {@code POST
 * /tasks/knob?name=K&value=V} sets, {@code POST /tasks/knob?name=K} clears.
 */
public final class KnobTask extends Task {
  private static final Logger LOG = LoggerFactory.getLogger(KnobTask.class);

  public KnobTask() {
    super("knob");
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    List<String> names = parameters.getOrDefault("name", List.of());
    if (names.size() != 1 || names.get(0).isBlank()) {
      output.println("usage: POST /tasks/knob?name=<key>[&value=<value>]");
      return;
    }
    String name = names.get(0);
    List<String> values = parameters.getOrDefault("value", List.of());
    if (values.isEmpty()) {
      Knobs.clearOverride(name);
      LOG.info("Knob {} override cleared", name);
      output.println(name + " override cleared");
    } else {
      Knobs.override(name, values.get(0));
      LOG.info("Knob {} set to {}", name, values.get(0));
      output.println(name + " = " + values.get(0));
    }
  }
}
