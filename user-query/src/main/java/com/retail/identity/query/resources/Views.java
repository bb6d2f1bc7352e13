package com.retail.identity.query.resources;

import com.retail.identity.query.api.ProfileView;
import com.retail.identity.readmodel.core.Profile;

/** Read-model profiles as the apps see them. */
final class Views {
  private Views() {}

  static ProfileView profile(Profile p) {
    return new ProfileView(
        p.userId(),
        p.email(),
        p.firstName(),
        p.lastName(),
        p.country(),
        p.phone(),
        p.phoneVerified(),
        p.emailVerified(),
        p.locale(),
        p.createdAt(),
        p.version());
  }
}
