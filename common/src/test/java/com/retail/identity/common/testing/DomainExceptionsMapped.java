package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * A domain exception without a mapper would reach the client as a 500: every one must have its
 * answer.
 */
public final class DomainExceptionsMapped {
  private DomainExceptionsMapped() {}

  public static void assertEveryDomainExceptionIsMapped(
      List<DomainProblemMapper<?>> mappers, String... packages) {
    List<String> unmapped =
        new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(packages)
                .stream()
                .filter(
                    c ->
                        c.isAssignableTo(DomainException.class)
                            && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::reflect)
                .filter(
                    kind ->
                        mappers.stream().noneMatch(mapper -> mapper.kind().isAssignableFrom(kind)))
                .map(Class::getName)
                .toList();
    assertThat(unmapped).as("domain exceptions without a problem mapper").isEmpty();
  }
}
