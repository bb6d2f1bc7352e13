package com.retail.identity.common.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.testing.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read-only rules catch what they are for: a read side that appends. */
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

    assertThatThrownBy(() -> ArchitectureRules.ReadOnlyEventLog.neverAppendsToTheEventLog.check(classes))
        .isInstanceOf(AssertionError.class).hasMessageContaining("append");
    assertThatThrownBy(() -> ArchitectureRules.ReadOnlyEventLog.neverBuildsEventsToAppend.check(classes))
        .isInstanceOf(AssertionError.class).hasMessageContaining("NewEvent");
  }
}
