package com.retail.identity.command.core;

import com.retail.identity.command.admission.Admission;
import com.retail.identity.command.admission.AdmissionDecision;
import com.retail.identity.command.admission.AdmissionRequest;

/**
 * Admission control in front of registration and login. In production it is always the real
 * {@link Admission} (operators switch it with the {@code identity.admission.enabled} knob); tests of
 * other behaviour, which register many accounts from one address, run with it open.
 */
public interface AdmissionGate {
  AdmissionDecision decide(AdmissionRequest request);

  void recordLogin(String clientAddress, String accountKey, boolean success);

  static AdmissionGate of(Admission admission) {
    return new AdmissionGate() {
      @Override
      public AdmissionDecision decide(AdmissionRequest request) {
        return admission.decide(request);
      }

      @Override
      public void recordLogin(String clientAddress, String accountKey, boolean success) {
        admission.recordLogin(clientAddress, accountKey, success);
      }
    };
  }

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
