package com.retail.identity.command.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.api.ErasureRequest;
import com.retail.identity.command.api.PasswordChangeRequest;
import com.retail.identity.command.api.ProfileChangeRequest;
import com.retail.identity.command.api.RegistrationRequest;
import com.retail.identity.command.api.RegistrationResponse;
import com.retail.identity.command.api.VersionResponse;
import com.retail.identity.command.core.ChangePassword;
import com.retail.identity.command.core.ChangeProfile;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EraseAccount;
import com.retail.identity.command.core.Idempotency;
import com.retail.identity.command.core.Proof;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

@Path("/v1/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private final RegisterUser registerUser;
  private final ChangeProfile changeProfile;
  private final ChangePassword changePassword;
  private final EraseAccount eraseAccount;
  private final Idempotency idempotency;
  private final EmailKeys fingerprints;
  private final AdmissionGate admission;
  private final TrustedProxies proxies;
  private final ObjectMapper json;

  public UsersResource(
      RegisterUser registerUser,
      ChangeProfile changeProfile,
      ChangePassword changePassword,
      EraseAccount eraseAccount,
      Idempotency idempotency,
      EmailKeys fingerprints,
      AdmissionGate admission,
      TrustedProxies proxies,
      ObjectMapper json) {
    this.registerUser = registerUser;
    this.changeProfile = changeProfile;
    this.changePassword = changePassword;
    this.eraseAccount = eraseAccount;
    this.idempotency = idempotency;
    this.fingerprints = fingerprints;
    this.admission = admission;
    this.proxies = proxies;
    this.json = json;
  }

  @ApiResponse(
      responseCode = "201",
      description = "Registered; Location names the account, ETag its version.",
      content = @Content(schema = @Schema(implementation = RegistrationResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid (named in errors).")
  @ApiResponse(
      responseCode = "403",
      description =
          "A proof-of-work challenge must be solved first (challenge in the body), or the request is refused.")
  @ApiResponse(
      responseCode = "409",
      description = "The email is taken, or a request with this Idempotency-Key is still running.")
  @ApiResponse(
      responseCode = "422",
      description = "This Idempotency-Key was used with another body.")
  @ApiResponse(
      responseCode = "429",
      description = "Too many registrations from this client; Retry-After says when to retry.")
  @POST
  @PublicEndpoint
  public Response register(
      @NotNull @Valid RegistrationRequest request,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @Context HttpServletRequest http,
      @Context Providers providers) {
    String correlationId = (String) http.getAttribute(RequestIdFilter.MDC_KEY);
    // Bots pay first: rate limits, disposable domains and proof of work come before any hashing.
    Origin origin = Origin.of(http, proxies);
    AdmissionProblems.enforce(
        admission.decide(
            AdmissionRequest.register(
                origin.clientAddress(),
                origin.deviceId(),
                request.email(),
                origin.challengeSolution())));
    if (idempotencyKey == null) {
      return created(registerUser.register(command(request), correlationId));
    }
    if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw ProblemException.validation(
          "Idempotency-Key", "must be 1 to 255 printable ASCII characters");
    }
    String scoped = "register:" + idempotencyKey;
    String requestHash = fingerprints.fingerprint(write(request));
    UUID claimant = UUID.randomUUID();
    Optional<Idempotency.Stored> earlier = claim(scoped, requestHash, claimant);
    if (earlier.isPresent()) {
      return replay(earlier.get(), requestHash);
    }
    try {
      Response response =
          created(
              registerUser.registerOnce(
                  command(request), idempotencyKey + "\n" + requestHash, correlationId));
      idempotency.complete(
          scoped,
          requestHash,
          201,
          write(response.getEntity()),
          response.getHeaderString("Location"));
      return response;
    } catch (DomainException e) {
      // A refusal (4xx) is also the answer to a retry; after a 503 the retry runs again.
      Optional<Response> answer = answerTo(e, providers);
      if (answer.isEmpty() || answer.get().getStatus() >= 500) {
        idempotency.abandon(scoped, claimant);
      } else {
        idempotency.complete(
            scoped, requestHash, answer.get().getStatus(), write(answer.get().getEntity()), null);
      }
      throw e;
    } catch (RuntimeException e) {
      idempotency.abandon(scoped, claimant);
      throw e;
    }
  }

  /** The answer the exception mappers give to {@code e}, exactly as the client receives it. */
  @SuppressWarnings("unchecked")
  private static Optional<Response> answerTo(DomainException e, Providers providers) {
    ExceptionMapper<DomainException> mapper =
        (ExceptionMapper<DomainException>)
            (ExceptionMapper<?>) providers.getExceptionMapper(e.getClass());
    return Optional.ofNullable(mapper).map(m -> m.toResponse(e));
  }

  private static RegisterUser.Command command(RegistrationRequest request) {
    return new RegisterUser.Command(
        request.email(),
        request.password(),
        request.firstName(),
        request.lastName(),
        request.country(),
        request.phone(),
        request.locale());
  }

  /**
   * A claim that failed may still have been written (its coordinator died after the write): it is
   * withdrawn, else the customer's retry would find it "in progress" until it expires.
   */
  private Optional<Idempotency.Stored> claim(String scoped, String requestHash, UUID claimant) {
    try {
      return idempotency.claim(scoped, requestHash, claimant);
    } catch (RuntimeException e) {
      idempotency.abandon(scoped, claimant);
      throw e;
    }
  }

  private static Response replay(Idempotency.Stored earlier, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw new ProblemException(
          Problem.of(
              "idempotency-key-reused",
              "Idempotency key reused",
              422,
              "This Idempotency-Key was used with another request body."));
    }
    if (earlier.status() == 0) {
      throw new ProblemException(
          Problem.of(
              "idempotency-in-progress",
              "Request in progress",
              409,
              "The first request with this Idempotency-Key is still running; retry shortly."),
          Map.of("Retry-After", "1"));
    }
    Response.ResponseBuilder builder =
        Response.status(earlier.status())
            .type(earlier.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
            .entity(earlier.body())
            .header("Idempotent-Replayed", "true");
    if (earlier.location() != null) {
      builder.header(HttpHeaders.LOCATION, earlier.location());
    }
    return builder.build();
  }

  private static Response created(RegisterUser.Registered registered) {
    return Response.created(URI.create("/v1/users/" + registered.userId()))
        .tag(new EntityTag(Long.toString(registered.version())))
        .entity(new RegistrationResponse(registered.userId(), registered.version()))
        .build();
  }

  @ApiResponse(
      responseCode = "200",
      description = "Changed; ETag is the new version.",
      content = @Content(schema = @Schema(implementation = VersionResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description =
          "A field or If-Match is invalid, or currentPassword is missing or wrong where the change needs it.")
  @ApiResponse(
      responseCode = "403",
      description = "Not the caller's account (an admin may change any).")
  @ApiResponse(responseCode = "404", description = "No such account.")
  @ApiResponse(responseCode = "409", description = "The new email is taken.")
  @ApiResponse(responseCode = "412", description = "If-Match is not the current version.")
  @PATCH
  @Path("/{id}")
  @PermitAll
  public Response updateProfile(
      @PathParam("id") String id,
      @NotNull @Valid ProfileChangeRequest change,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    UUID userId = owned(id, caller, true);
    ChangeProfile.Command command =
        new ChangeProfile.Command(
            userId,
            change.firstName(),
            change.lastName(),
            change.country(),
            change.phone(),
            change.locale(),
            change.email(),
            expectedVersion(ifMatch),
            proofOf(caller, userId, change.currentPassword(), http));
    long version =
        changeProfile
            .change(command, (String) http.getAttribute(RequestIdFilter.MDC_KEY))
            .version();
    return Response.ok(new VersionResponse(userId, version))
        .tag(new EntityTag(Long.toString(version)))
        .build();
  }

  @ApiResponse(responseCode = "204", description = "Changed; the account's other sessions end.")
  @ApiResponse(
      responseCode = "400",
      description =
          "A field or If-Match is invalid, or currentPassword is missing or wrong where the change needs it.")
  @ApiResponse(responseCode = "403", description = "Not the caller's account.")
  @ApiResponse(responseCode = "404", description = "No such account.")
  @ApiResponse(responseCode = "412", description = "If-Match is not the current version.")
  @PUT
  @Path("/{id}/password")
  @PermitAll
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response changePassword(
      @PathParam("id") String id,
      @NotNull @Valid PasswordChangeRequest change,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    UUID userId = owned(id, caller, false);
    changePassword.change(
        new ChangePassword.Command(
            userId,
            caller.sessionId(),
            change.currentPassword(),
            change.newPassword(),
            expectedVersion(ifMatch)),
        (String) http.getAttribute(RequestIdFilter.MDC_KEY));
    return Response.noContent().build();
  }

  @ApiResponse(
      responseCode = "204",
      description = "Erased: personal data is gone, the email is free again.")
  @ApiResponse(
      responseCode = "400",
      description = "If-Match is invalid, or currentPassword is missing or wrong.")
  @ApiResponse(
      responseCode = "403",
      description = "Not the caller's account (an admin may erase any).")
  @ApiResponse(responseCode = "404", description = "No such account.")
  @ApiResponse(responseCode = "412", description = "If-Match is not the current version.")
  @DELETE
  @Path("/{id}")
  @PermitAll
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response erase(
      @PathParam("id") String id,
      @Valid ErasureRequest body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    UUID userId = owned(id, caller, true);
    Proof proof = proofOf(caller, userId, body == null ? null : body.currentPassword(), http);
    eraseAccount.erase(
        new EraseAccount.Command(userId, expectedVersion(ifMatch), proof),
        (String) http.getAttribute(RequestIdFilter.MDC_KEY));
    return Response.noContent().build();
  }

  /**
   * The owner proves the current password; an admin acting on another account acts as themself,
   * audited.
   */
  private static Proof proofOf(
      Principal caller, UUID userId, String currentPassword, HttpServletRequest http) {
    return caller.userId().equals(userId)
        ? new Proof.CurrentPassword(currentPassword)
        : new Proof.AdminAct(ActingCaller.of(caller, http));
  }

  /**
   * The user the path names, when the caller may act on it: that user, or (where {@code adminMay})
   * an admin.
   */
  private static UUID owned(String id, Principal caller, boolean adminMay) {
    UUID userId = parse(id);
    if (!(caller.userId().equals(userId) || (adminMay && caller.hasRole(Principal.ADMIN)))) {
      throw BearerAuth.forbidden();
    }
    return userId;
  }

  static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("id", "must be a user id (UUID)");
    }
  }

  /**
   * The version an If-Match names: 400 when it is not a number; any number that is not the current
   * version (negative, zero, one the account never had) is refused by the event store with 412.
   */
  private static Long expectedVersion(String ifMatch) {
    if (ifMatch == null) {
      return null;
    }
    String value = ifMatch.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ProblemException.validation(
          "If-Match", "must be the version number read with the profile");
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
