package com.retail.identity.common.testing;

import com.retail.identity.common.config.Knobs;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Knobs a test turns at runtime, the way an operator does ({@code POST /tasks/knob}: the JVM's
 * runtime-override layer); every one of them is cleared after the test. For tests of the runtime
 * change itself; a test that needs other settings from the start gives the service or the object
 * its own settings instead. Register per test: {@code @RegisterExtension final TurnedKnobs knobs =
 * new TurnedKnobs();}
 */
public final class TurnedKnobs implements AfterEachCallback {
  private final Set<String> turned = ConcurrentHashMap.newKeySet();

  public void turn(String name, String value) {
    turned.add(name);
    Knobs.override(name, value);
  }

  /** Back to what the lower layers (system property, knob file, configuration) say. */
  public void clear(String name) {
    Knobs.clearOverride(name);
    turned.remove(name);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    turned.forEach(Knobs::clearOverride);
    turned.clear();
  }
}
