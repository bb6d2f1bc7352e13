package com.retail.identity.common.config;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.http.TaskExchange;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin task that sets or clears a runtime knob override without a restart: {@code POST
 * /tasks/knob?name=K&value=V[&reason=R]} sets, {@code POST /tasks/knob?name=K[&reason=R]} clears.
 * Each change is audited first (actor {@code operator}, subject {@code knob:K}); when the audit
 * trail cannot take it, nothing changes and the answer is 503.
 */
public final class KnobTask extends Task {
  private static final Logger LOG = LoggerFactory.getLogger(KnobTask.class);

  /** Knobs whose values are not written to the audit trail, only that they changed. */
  private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|token|key).*");

  private final Supplier<Optional<Auditor>> auditor;

  /**
   * @param auditor the service's auditor, once the service has one (empty before: changes are
   *     refused)
   */
  public KnobTask(Supplier<Optional<Auditor>> auditor) {
    super("knob");
    this.auditor = auditor;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    List<String> names = parameters.getOrDefault("name", List.of());
    if (names.size() != 1 || names.get(0).isBlank()) {
      refuse(output, 400, "usage: POST /tasks/knob?name=<key>[&value=<value>][&reason=<why>]");
      return;
    }
    String name = names.get(0);
    List<String> values = parameters.getOrDefault("value", List.of());
    String value = values.isEmpty() ? null : values.get(0);
    String reason;
    try {
      reason =
          Acting.checkedReason(
              parameters.getOrDefault("reason", List.of()).stream().findFirst().orElse(null),
              "reason");
    } catch (InvalidInput e) {
      refuse(output, 400, "reason must be at most " + Acting.MAX_REASON + " printable characters");
      return;
    }
    try {
      audited(name, value, reason);
    } catch (RuntimeException e) {
      LOG.warn("Knob {} not changed: the audit trail is unavailable ({})", name, e.toString());
      refuse(output, 503, "not changed: the audit trail is unavailable; retry shortly");
      return;
    }
    if (value == null) {
      Knobs.clearOverride(name);
      LOG.info("Knob {} override cleared", name);
      output.println(name + " override cleared");
    } else {
      Knobs.override(name, value);
      LOG.info("Knob {} set to {}", name, SECRET.matcher(name).matches() ? "(not shown)" : value);
      output.println(name + " = " + value);
    }
  }

  private void audited(String name, String value, String reason) {
    Auditor audit =
        auditor.get().orElseThrow(() -> new IllegalStateException("no audit trail yet"));
    Optional<TaskExchange.TaskExchangeOf> exchange = TaskExchange.current();
    String requestId =
        exchange
            .map(e -> e.request().getHeader(RequestIdFilter.HEADER))
            .filter(id -> id != null && id.length() <= 100)
            .orElse(UUID.randomUUID().toString());
    String from = exchange.map(e -> e.request().getRemoteAddr()).orElse("unknown");
    String shown =
        value == null ? "cleared" : SECRET.matcher(name).matches() ? "set" : "value=" + value;
    audit.record(
        new Acting("operator", requestId, reason),
        AuditAction.CHANGE_KNOB,
        "knob:" + name,
        shown + " from=" + from);
  }

  private static void refuse(PrintWriter output, int status, String message) {
    TaskExchange.current().ifPresent(e -> e.response().setStatus(status));
    output.println(message);
  }
}
