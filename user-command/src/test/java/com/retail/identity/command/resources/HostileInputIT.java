package com.retail.identity.command.resources;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.HostileInputs;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated hostile requests at every public endpoint of user-command: wrong types,
 * huge numbers, deep nesting, invalid UTF-8, control characters, long strings, missing and
 * duplicated fields, odd headers and query strings. None may get a 5xx or anything but problem+json.
 */
class HostileInputIT {
  private static DropwizardAppExtension<UserCommandConfiguration> app;
  private static final List<String> FIELDS = List.of("email", "password", "firstName", "lastName", "country", "phone",
      "locale", "refreshToken", "currentPassword", "newPassword", "clientId", "clientSecret", "verificationId");

  @BeforeContainer
  static void start() throws Exception {
    app = UserCommandApp.extension();
    app.before();
  }

  @AfterContainer
  static void stop() {
    app.after();
  }

  @Provide
  Arbitrary<String> endpoints() {
    return Arbitraries.of("POST /v1/users", "POST /v1/sessions", "POST /v1/sessions/refresh",
        "PATCH /v1/users/00000000-0000-0000-0000-000000000001", "PUT /v1/users/not-a-uuid/password",
        "DELETE /v1/sessions/current", "POST /internal/service-tokens",
        "POST /internal/users/00000000-0000-0000-0000-000000000001/phone-verified", "DELETE /v1/users/x");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return HostileInputs.bodies(FIELDS, List.of());
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return HostileInputs.contentTypes();
  }

  @Provide
  Arbitrary<String> headerValues() {
    return HostileInputs.headerValues();
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
  void noHostileRequestGetsA5xxOrAnythingButProblemJson(@ForAll("endpoints") String endpoint,
      @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType,
      @ForAll("headerValues") String authorization, @ForAll("headerValues") String idempotencyKey) throws Exception {
    String[] parts = endpoint.split(" ", 2);
    HttpRequest request = HostileInputs.request(app.getLocalPort(), parts[0], parts[1], body,
        "Content-Type", contentType, "Authorization", authorization, "Idempotency-Key", idempotencyKey);

    HostileInputs.assertWellBehaved(HostileInputs.send(request), HostileInputs.describe(parts[0], parts[1], body));
  }
}
