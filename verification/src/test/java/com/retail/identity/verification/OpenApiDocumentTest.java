package com.retail.identity.verification;

import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.testing.OpenApiDocumentRules;
import com.retail.identity.verification.resources.AccountSmsResource;
import com.retail.identity.verification.resources.ChallengesResource;
import com.retail.identity.verification.resources.EligibilityResource;
import com.retail.identity.verification.resources.FlagsResource;
import com.retail.identity.verification.resources.VerificationsResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * verification's {@code /openapi.json} types every answer and names the token each operation needs;
 * the local SMS outbox is not part of it.
 */
class OpenApiDocumentTest {
  @Test
  void givenTheResources_thenTheDocumentTypesEveryAnswerAndNamesTheTokenEachOperationNeeds()
      throws Exception {
    OpenApiDocumentRules.assertComplete(
        OpenApiDocument.read(new VerificationApplication().openApiConfiguration()),
        List.of(
            VerificationsResource.class,
            ChallengesResource.class,
            EligibilityResource.class,
            FlagsResource.class,
            AccountSmsResource.class));
  }
}
