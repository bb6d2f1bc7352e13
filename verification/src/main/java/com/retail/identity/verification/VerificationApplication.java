package com.retail.identity.verification;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.StoresModule;
import io.dropwizard.core.setup.Environment;

/** Phone verification by SMS, proof-of-work challenges and launch-purchase eligibility. */
public class VerificationApplication extends PlatformApplication<VerificationConfiguration> {
  public static void main(String[] args) throws Exception {
    new VerificationApplication().run(args);
  }

  @Override
  public String getName() {
    return "verification";
  }

  @Override
  protected void runService(VerificationConfiguration configuration, Environment environment) {
    StoresModule stores = new StoresModule(environment)
        .cassandra(configuration.getCassandra())
        .redis(configuration.getRedis());
    Injector injector = Guice.createInjector(stores);
  }
}
