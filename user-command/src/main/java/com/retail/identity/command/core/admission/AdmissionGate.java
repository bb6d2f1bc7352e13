package com.retail.identity.command.core.admission;

/**
 * Admission control in front of registration and login. In production it is always {@link
 * AdmissionControl} (operators switch it with the {@code identity.admission.enabled} knob); tests
 * of other behaviour, which register many accounts from one address, run with it open.
 */
public interface AdmissionGate {
  AdmissionDecision decide(AdmissionRequest request);

  /**
   * Reports how a login ended, for the credential-stuffing signals of its client address.
   *
   * @param accountKey a stable pseudonym of the account tried (e.g. user-command's keyed email
   *     hash; never the email itself), or null when unknown
   */
  void recordLogin(String clientAddress, String accountKey, boolean success);

  static AdmissionGate open() {
    return new AdmissionGate() {
      @Override
      public AdmissionDecision decide(AdmissionRequest request) {
        return AdmissionDecision.allow("admission-off");
      }

      @Override
      public void recordLogin(String clientAddress, String accountKey, boolean success) {
        // nothing to learn from
      }
    };
  }
}
