package com.retail.identity.common.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.arch.core.KnobReadingUseCases;
import com.retail.identity.common.arch.core.WebBoundUseCases;
import com.retail.identity.common.arch.core.WiredUseCases;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.testing.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules catch what they are for: a read side that appends, a use case that knows the web. */
class ArchitectureRulesTest {
  /** What a read side must never do. */
  static final class AppendingReader {
    void record(EventStore events, NewEvent event) {
      events.append(UUID.randomUUID(), 0, "c", List.of(event));
    }
  }

  @Test
  void anAppendToTheEventStoreBreaksTheReadOnlyRules() {
    JavaClasses classes = new ClassFileImporter().importClasses(AppendingReader.class);

    assertThatThrownBy(
            () -> ArchitectureRules.ReadOnlyEventLog.neverAppendsToTheEventLog.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("append");
    assertThatThrownBy(
            () -> ArchitectureRules.ReadOnlyEventLog.neverBuildsEventsToAppend.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NewEvent");
  }

  @Test
  void aCoreClassThatThrowsAProblemExceptionBreaksTheDomainRule() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(WebBoundUseCases.ThrowsProblem.class);

    assertThatThrownBy(() -> ArchitectureRules.domainKnowsNoWeb.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ProblemException");
  }

  @Test
  void aCoreClassThatTakesAWireTypeBreaksTheDomainRule() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(WebBoundUseCases.TakesWireType.class);

    assertThatThrownBy(() -> ArchitectureRules.domainKnowsNoWeb.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("api.FieldError");
  }

  @Test
  void aCoreClassThatBuildsAJaxRsResponseBreaksTheDomainRule() {
    JavaClasses classes = new ClassFileImporter().importClasses(WebBoundUseCases.AnswersHttp.class);

    assertThatThrownBy(() -> ArchitectureRules.domainKnowsNoWeb.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("jakarta.ws.rs.core.Response");
  }

  @Test
  void aCoreClassThatThrowsADomainExceptionKeepsTheDomainRule() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(WebBoundUseCases.ThrowsDomainException.class);

    assertThatCode(() -> ArchitectureRules.domainKnowsNoWeb.check(classes))
        .doesNotThrowAnyException();
  }

  @Test
  void aCoreClassThatReadsAKnobBreaksTheKnobRuleAndOneHandedItsSettingKeepsIt() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.domainReadsNoKnobs.check(
                    new ClassFileImporter().importClasses(KnobReadingUseCases.ReadsKnobs.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Knobs");
    assertThatCode(
            () ->
                ArchitectureRules.domainReadsNoKnobs.check(
                    new ClassFileImporter()
                        .importClasses(KnobReadingUseCases.HandedItsSetting.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aUseCaseWiredByAnnotationBreaksTheWiringRuleAndOneWithAPlainConstructorKeepsIt() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.onlyModulesWire.check(
                    new ClassFileImporter()
                        .importClasses(WiredUseCases.InjectedByAnnotation.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("com.google.inject.Inject");
    assertThatCode(
            () ->
                ArchitectureRules.onlyModulesWire.check(
                    new ClassFileImporter().importClasses(WiredUseCases.PlainConstructor.class)))
        .doesNotThrowAnyException();
  }
}
