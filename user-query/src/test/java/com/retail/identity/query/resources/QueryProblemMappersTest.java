package com.retail.identity.query.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.common.errors.DomainProblemMappers;
import com.retail.identity.common.testing.DomainExceptionsMapped;
import com.retail.identity.common.testing.ProblemAnswer;
import com.retail.identity.query.core.VersionNotReached;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** user-query's refusals keep the problem+json the apps depend on. */
class QueryProblemMappersTest {
  @Test
  void aVersionTheStreamHasNotReachedIsA409NamingBothVersions() {
    VersionNotReached notReached = new VersionNotReached(2, 7);

    ProblemAnswer answer = ProblemAnswer.to(notReached, QueryProblemMappers.all());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.mediaType()).isEqualTo("application/problem+json");
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + Problem.TYPE_BASE
                + "version-not-reached\","
                + "\"title\":\"Version not reached\",\"status\":409,"
                + "\"detail\":\"The profile is at version 2; version 7 does not exist.\"}");
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void everyDomainExceptionOfUserQueryHasAMapper() {
    List<DomainProblemMapper<?>> mappers = new ArrayList<>(DomainProblemMappers.all());
    mappers.addAll(QueryProblemMappers.all());

    DomainExceptionsMapped.assertEveryDomainExceptionIsMapped(
        mappers, "com.retail.identity.query", "com.retail.identity.common.domain");
  }
}
