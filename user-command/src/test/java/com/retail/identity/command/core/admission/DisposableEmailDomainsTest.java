package com.retail.identity.command.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisposableEmailDomainsTest {
  private final DisposableEmailDomains disposable = new DisposableEmailDomains();

  @Test
  void givenARegistration_thenTheDomainAndItsParentsAreLookedUp_andForALoginNothing() {
    assertThat(
            disposable.candidatesFor(
                AdmissionRequest.register("203.0.113.5", null, "x@a.b.throwaway.example", null)))
        .containsExactly("a.b.throwaway.example", "b.throwaway.example", "throwaway.example");
    assertThat(
            disposable.candidatesFor(
                AdmissionRequest.login("203.0.113.5", null, "x@throwaway.example", null)))
        .isEmpty();
  }

  @Test
  void givenTheReferenceListAnswered_thenItDecides() {
    List<String> candidates = List.of("eu.mailinator.com", "mailinator.com");

    assertThat(disposable.refuses(List.of("throwaway.example"), DisposableListing.LISTED)).isTrue();
    assertThat(disposable.refuses(candidates, DisposableListing.NOT_LISTED)).isFalse();
  }

  @Test
  void givenNoReferenceList_thenTheBuiltInListDecides() {
    assertThat(
            disposable.refuses(
                List.of("eu.mailinator.com", "mailinator.com"), DisposableListing.NO_LIST))
        .isTrue();
    assertThat(disposable.refuses(List.of("example.com"), DisposableListing.NO_LIST)).isFalse();
  }
}
