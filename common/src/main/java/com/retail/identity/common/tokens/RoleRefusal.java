package com.retail.identity.common.tokens;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code detail} of the 403 problem when the caller lacks every role {@code @RolesAllowed}
 * names; without it the detail is {@link BearerAuth#FORBIDDEN_DETAIL}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RoleRefusal {
  String value();
}
