package com.retail.identity.query;

import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.testing.OpenApiDocumentRules;
import com.retail.identity.query.resources.AuditResource;
import com.retail.identity.query.resources.ProfileResource;
import com.retail.identity.query.resources.ReferenceResource;
import com.retail.identity.query.resources.UserSearchResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * user-query's {@code /openapi.json} types every answer and names the token each operation needs.
 */
class OpenApiDocumentTest {
  @Test
  void givenTheResources_thenTheDocumentTypesEveryAnswerAndNamesTheTokenEachOperationNeeds()
      throws Exception {
    OpenApiDocumentRules.assertComplete(
        OpenApiDocument.read(new UserQueryApplication().openApiConfiguration()),
        List.of(
            ProfileResource.class,
            UserSearchResource.class,
            ReferenceResource.class,
            AuditResource.class));
  }
}
