package com.retail.identity.common.tokens;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This resource method answers without an access token, on purpose. Every other resource method
 * takes {@code @Auth Principal} or declares {@code @RolesAllowed}/{@code @PermitAll}; a test per
 * service fails on a method that does neither. Marks methods only, so a method added to an open
 * resource is not open by accident.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicEndpoint {
  /** Why it is open, where that is not obvious. */
  String value() default "";

  /**
   * The {@code Authorization} header carries an OAuth client's own credentials (HTTP Basic, RFC
   * 6749 §2.3.1), not a customer's bearer token: the method may read it.
   */
  boolean clientCredentials() default false;
}
