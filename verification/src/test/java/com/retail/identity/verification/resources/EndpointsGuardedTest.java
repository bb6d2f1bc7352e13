package com.retail.identity.verification.resources;

import com.retail.identity.common.testing.EndpointGuards;
import org.junit.jupiter.api.Test;

/**
 * No resource method of verification answers without a token unless it is marked @PublicEndpoint.
 */
class EndpointsGuardedTest {
  @Test
  void everyResourceMethodIsAuthenticatedOrExplicitlyPublic() {
    EndpointGuards.assertEveryEndpointIsGuarded("com.retail.identity.verification.resources");
  }
}
