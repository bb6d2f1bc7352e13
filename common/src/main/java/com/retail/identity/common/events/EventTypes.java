package com.retail.identity.common.events;

/** The names of the events in the log; payload schemas are in {@link UserEvents}. */
public final class EventTypes {
  public static final String USER_REGISTERED = "UserRegistered";
  public static final String PROFILE_UPDATED = "ProfileUpdated";
  public static final String PASSWORD_CHANGED = "PasswordChanged";
  public static final String PHONE_VERIFICATION_REQUESTED = "PhoneVerificationRequested";
  public static final String PHONE_VERIFIED = "PhoneVerified";
  public static final String EMAIL_VERIFIED = "EmailVerified";
  public static final String ROLES_CHANGED = "RolesChanged";
  public static final String LOGIN_SUCCEEDED = "LoginSucceeded";
  public static final String LOGIN_FAILED = "LoginFailed";
  public static final String ACCOUNT_LOCKED = "AccountLocked";
  public static final String ACCOUNT_UNLOCKED = "AccountUnlocked";
  public static final String USER_ERASED = "UserErased";
  public static final String USER_IMPORTED = "UserImported";

  private EventTypes() {}
}
