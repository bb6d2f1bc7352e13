package com.retail.identity.common.config;

import com.netflix.config.AbstractPollingScheduler;
import com.netflix.config.ConcurrentCompositeConfiguration;
import com.netflix.config.ConcurrentMapConfiguration;
import com.netflix.config.ConfigurationManager;
import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicConfiguration;
import com.netflix.config.DynamicIntProperty;
import com.netflix.config.DynamicLongProperty;
import com.netflix.config.DynamicPropertyFactory;
import com.netflix.config.DynamicStringProperty;
import com.netflix.config.FixedDelayPollingScheduler;
import com.netflix.config.sources.URLConfigurationSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.configuration.AbstractConfiguration;
import org.apache.commons.configuration.SystemConfiguration;

/**
 * The knobs operators turn during a launch, as Archaius dynamic properties.
 *
 * <p>Precedence, highest first: a runtime override (admin task {@code POST /tasks/knob}), a JVM
 * system property, the polled knob file. A change in any layer reaches every {@code
 * Dynamic*Property} without a restart.
 */
public final class Knobs {
  static final String OVERRIDES = "runtime-overrides";
  static final String SYSTEM = "system-properties";
  static final String FILE = "knob-file";

  private Knobs() {}

  /** Installs the layered configuration once per JVM; later calls only add a missing knob file. */
  public static synchronized void install(Path knobFile, int pollMillis) {
    ConcurrentCompositeConfiguration root = root();
    if (root.getConfiguration(OVERRIDES) == null) {
      root.addConfigurationAtFront(new ConcurrentMapConfiguration(), OVERRIDES);
    }
    if (root.getConfiguration(SYSTEM) == null) {
      root.addConfiguration(new ConcurrentMapConfiguration(new SystemConfiguration()), SYSTEM);
    }
    if (knobFile != null && root.getConfiguration(FILE) == null && Files.isReadable(knobFile)) {
      AbstractPollingScheduler scheduler =
          new FixedDelayPollingScheduler(pollMillis, pollMillis, false);
      URLConfigurationSource source = new URLConfigurationSource(knobFile.toUri().toString());
      root.addConfiguration(new DynamicConfiguration(source, scheduler), FILE);
    }
  }

  /** Sets a runtime override that wins over every other layer until cleared. */
  public static void override(String name, String value) {
    overrides().setProperty(name, value);
  }

  public static void clearOverride(String name) {
    overrides().clearProperty(name);
  }

  public static DynamicIntProperty intKnob(String name, int defaultValue) {
    install(null, 0);
    return DynamicPropertyFactory.getInstance().getIntProperty(name, defaultValue);
  }

  public static DynamicLongProperty longKnob(String name, long defaultValue) {
    install(null, 0);
    return DynamicPropertyFactory.getInstance().getLongProperty(name, defaultValue);
  }

  public static DynamicBooleanProperty booleanKnob(String name, boolean defaultValue) {
    install(null, 0);
    return DynamicPropertyFactory.getInstance().getBooleanProperty(name, defaultValue);
  }

  public static DynamicStringProperty stringKnob(String name, String defaultValue) {
    install(null, 0);
    return DynamicPropertyFactory.getInstance().getStringProperty(name, defaultValue);
  }

  private static AbstractConfiguration overrides() {
    install(null, 0);
    return (AbstractConfiguration) root().getConfiguration(OVERRIDES);
  }

  private static ConcurrentCompositeConfiguration root() {
    if (!ConfigurationManager.isConfigurationInstalled()) {
      ConfigurationManager.install(new ConcurrentCompositeConfiguration());
    }
    AbstractConfiguration installed = ConfigurationManager.getConfigInstance();
    if (installed instanceof ConcurrentCompositeConfiguration composite) {
      return composite;
    }
    throw new IllegalStateException(
        "Archaius was installed with a non-composite configuration: " + installed.getClass());
  }
}
