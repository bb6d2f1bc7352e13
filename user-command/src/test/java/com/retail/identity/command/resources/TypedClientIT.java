package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.retail.identity.client.command.ApiClient;
import com.retail.identity.client.command.ApiException;
import com.retail.identity.client.command.api.SessionsApi;
import com.retail.identity.client.command.api.UsersApi;
import com.retail.identity.client.command.model.FieldError;
import com.retail.identity.client.command.model.LoginRequest;
import com.retail.identity.client.command.model.Problem;
import com.retail.identity.client.command.model.ProfileChangeRequest;
import com.retail.identity.client.command.model.RefreshRequest;
import com.retail.identity.client.command.model.RegistrationRequest;
import com.retail.identity.client.command.model.RegistrationResponse;
import com.retail.identity.client.command.model.SessionResponse;
import com.retail.identity.client.command.model.VersionResponse;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An app team's view: the Java client the build generates from user-command's OpenAPI document
 * (openapi-generator, as a team would run it) talks to the running service with typed requests,
 * answers and problems only. If the document stops matching the wire, this client breaks here.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TypedClientIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  private static ApiClient client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + APP.getLocalPort());
    return client;
  }

  private static ApiClient client(String accessToken) {
    return client().setRequestInterceptor(r -> r.header("Authorization", "Bearer " + accessToken));
  }

  private static RegistrationRequest registration(String email) {
    return new RegistrationRequest()
        .email(email)
        .password(PASSWORD)
        .firstName("Grace")
        .lastName("Hopper")
        .country("US")
        .locale("en-US");
  }

  @Test
  void anAppRegistersSignsInChangesTheProfileAndSignsOut_throughTheGeneratedClient()
      throws Exception {
    // Given an app built on the generated client
    String email = uniqueEmail();

    // When it registers a customer, signs in, changes the profile and signs out
    RegistrationResponse registered =
        new UsersApi(client()).register(registration(email), UUID.randomUUID().toString());
    SessionResponse session =
        new SessionsApi(client()).logIn(new LoginRequest().email(email).password(PASSWORD));
    VersionResponse changed =
        new UsersApi(client(session.getAccessToken()))
            .updateProfile(
                registered.getUserId().toString(),
                new ProfileChangeRequest().firstName("Ada"),
                "\"" + registered.getVersion() + "\"");
    new SessionsApi(client(session.getAccessToken())).logOut();

    // Then every answer arrived typed
    assertThat(session.getUserId()).isEqualTo(registered.getUserId());
    assertThat(session.getAccessToken()).isNotBlank();
    assertThat(changed.getVersion()).isEqualTo(registered.getVersion() + 1);
    // And the ended session's refresh token is refused with the document's problem
    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new SessionsApi(client())
                    .refresh(new RefreshRequest().refreshToken(session.getRefreshToken())));
    assertThat(refused.getCode()).isEqualTo(401);
    assertThat(problemOf(refused).getStatus()).isEqualTo(401);
  }

  @Test
  void aRefusedRegistrationArrivesAsAProblemNamingTheField() throws Exception {
    // Given an app that sends an address that is not an email address
    RegistrationRequest bad = registration(uniqueEmail()).email("not-an-address");

    // When it registers
    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () -> new UsersApi(client()).register(bad, UUID.randomUUID().toString()));

    // Then the answer is the document's problem, naming the field
    assertThat(refused.getCode()).isEqualTo(400);
    Problem problem = problemOf(refused);
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getErrors()).extracting(FieldError::getField).contains("email");
  }

  private static Problem problemOf(ApiException refused) throws Exception {
    return client().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
  }
}
