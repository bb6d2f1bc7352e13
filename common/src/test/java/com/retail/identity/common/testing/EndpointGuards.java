package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.PublicEndpoint;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every resource method is either authenticated (an {@code @Auth} parameter, or
 * {@code @RolesAllowed}/{@code @PermitAll}/{@code @DenyAll} on the method or its class: what makes
 * Dropwizard's {@code AuthDynamicFeature} put the token filter on it) or marked {@link
 * PublicEndpoint}. A method that is neither would answer anyone. Nor does a method read the {@code
 * Authorization} header itself: the caller comes from {@code @Auth}.
 */
public final class EndpointGuards {
  private EndpointGuards() {}

  /**
   * Fails naming each resource method, or sub-resource locator, of the package that breaks the
   * rule.
   */
  public static void assertEveryEndpointIsGuarded(String resourcesPackage) {
    List<Class<?>> classes =
        new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(resourcesPackage)
                .stream()
                .map(JavaClass::reflect)
                .toList();
    assertThat(endpoints(classes)).as("resource methods in %s", resourcesPackage).isNotEmpty();
    assertThat(violations(classes))
        .as("resource methods neither authenticated nor marked @PublicEndpoint")
        .isEmpty();
  }

  /** What is wrong with the endpoints of these classes, one line per method. */
  public static List<String> violations(Collection<Class<?>> classes) {
    List<String> violations = new ArrayList<>();
    for (Method method : endpoints(classes)) {
      String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
      boolean authenticated = authenticated(method);
      boolean open = method.isAnnotationPresent(PublicEndpoint.class);
      if (!authenticated && !open) {
        violations.add(
            name
                + ": neither authenticated (@Auth, @RolesAllowed, @PermitAll) nor @PublicEndpoint");
      } else if (authenticated && open) {
        violations.add(name + ": both authenticated and @PublicEndpoint");
      }
      boolean clientCredentials =
          open && method.getAnnotation(PublicEndpoint.class).clientCredentials();
      if (!clientCredentials
          && Arrays.stream(method.getParameters()).anyMatch(EndpointGuards::authorizationHeader)) {
        violations.add(name + ": reads the Authorization header itself; take @Auth Principal");
      }
      for (String role : roles(method)) {
        if (!Principal.ROLES.contains(role)) {
          violations.add(name + ": @RolesAllowed names \"" + role + "\", which no token carries");
        }
      }
    }
    return violations;
  }

  /**
   * Public methods that answer a request (an HTTP method annotation) or locate a sub-resource
   * ({@code @Path} alone).
   */
  static List<Method> endpoints(Collection<Class<?>> classes) {
    return classes.stream()
        .flatMap(c -> Arrays.stream(c.getMethods()))
        .filter(m -> m.getDeclaringClass() != Object.class)
        .filter(m -> httpMethod(m) || m.isAnnotationPresent(Path.class))
        .distinct()
        .sorted(
            Comparator.comparing((Method m) -> m.getDeclaringClass().getName())
                .thenComparing(Method::getName))
        .toList();
  }

  private static boolean httpMethod(Method method) {
    return Arrays.stream(method.getAnnotations())
        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
  }

  private static boolean authenticated(Method method) {
    Class<?> resource = method.getDeclaringClass();
    return method.isAnnotationPresent(RolesAllowed.class)
        || method.isAnnotationPresent(PermitAll.class)
        || method.isAnnotationPresent(DenyAll.class)
        || resource.isAnnotationPresent(RolesAllowed.class)
        || resource.isAnnotationPresent(PermitAll.class)
        // @Auth Optional<...> lets a request without a token through.
        || Arrays.stream(method.getParameters())
            .anyMatch(
                p ->
                    p.isAnnotationPresent(Auth.class)
                        && !Optional.class.isAssignableFrom(p.getType()));
  }

  private static boolean authorizationHeader(Parameter parameter) {
    HeaderParam header = parameter.getAnnotation(HeaderParam.class);
    return header != null && header.value().equalsIgnoreCase(HttpHeaders.AUTHORIZATION);
  }

  private static List<String> roles(Method method) {
    RolesAllowed roles =
        Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
            .orElse(method.getDeclaringClass().getAnnotation(RolesAllowed.class));
    return roles == null ? List.of() : List.of(roles.value());
  }
}
