package io.keywarden.services.kms;

import static io.keywarden.services.kms.GrantFixture.ACCOUNT;
import static io.keywarden.services.kms.GrantFixture.OTHER;
import static io.keywarden.services.kms.GrantFixture.keyArn;
import static io.keywarden.services.kms.GrantFixture.root;
import static io.keywarden.services.kms.GrantFixture.user;
import static io.keywarden.services.kms.GrantFixture.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A grant that includes CreateGrant lets its grantee create only grants with a subset of its
 * operations and constraints at least as strict (developer guide, "Granting CreateGrant permission").
 */
class GrantDelegationTest {
  private static final String DAVE = userArn(OTHER, "dave");
  private static final String ERIN = userArn(OTHER, "erin");

  private final GrantFixture f = new GrantFixture(null);
  private final String keyId;
  private final String parentToken;

  GrantDelegationTest() {
    f.identities.add(DAVE).add(ERIN);
    keyId = f.createKey(ACCOUNT);
    parentToken =
        f.call(root(ACCOUNT), "CreateGrant", "{\"KeyId\":\"" + keyId + "\",\"GranteePrincipal\":\"" + DAVE
                + "\",\"Operations\":[\"Decrypt\",\"GenerateDataKey\",\"CreateGrant\"],"
                + "\"Constraints\":{\"EncryptionContextSubset\":{\"Dept\":\"IT\"}}}")
            .get("GrantToken").asText();
  }

  @AfterEach
  void close() {
    f.close();
  }

  private String child(String operations, String constraints) {
    return "{\"KeyId\":\"" + keyArn(ACCOUNT, keyId) + "\",\"GranteePrincipal\":\"" + ERIN
        + "\",\"Operations\":" + operations
        + (constraints == null ? "" : ",\"Constraints\":" + constraints)
        + ",\"GrantTokens\":[\"" + parentToken + "\"]}";
  }

  private String denied(String json) {
    return f.error(user(OTHER, "dave"), "CreateGrant", json).code();
  }

  @Test
  void narrowerChildGrants_areAllowed() {
    f.call(user(OTHER, "dave"), "CreateGrant",
        child("[\"Decrypt\"]", "{\"EncryptionContextSubset\":{\"Dept\":\"IT\",\"Team\":\"blue\"}}"));
    f.call(user(OTHER, "dave"), "CreateGrant",
        child("[\"Decrypt\",\"CreateGrant\"]", "{\"EncryptionContextEquals\":{\"Dept\":\"IT\"}}"));
    assertTrue(f.kms.grants().allowing(user(OTHER, "erin"),
        f.kms.core().keys.find(GrantFixture.REGION, keyId).orElseThrow(), "Decrypt",
        Map.of("Dept", "IT"), java.util.List.of()).isPresent());
    assertEquals(3, f.call(root(ACCOUNT), "ListGrants", "{\"KeyId\":\"" + keyId + "\"}").get("Grants").size());
  }

  @Test
  void widerChildGrants_areDenied() {
    assertEquals("AccessDeniedException", denied(child("[\"Encrypt\"]", "{\"EncryptionContextSubset\":{\"Dept\":\"IT\"}}")));
    assertEquals("AccessDeniedException", denied(child("[\"Decrypt\"]", null)));
    assertEquals("AccessDeniedException", denied(child("[\"Decrypt\"]", "{\"EncryptionContextSubset\":{\"Team\":\"blue\"}}")));
    assertEquals("AccessDeniedException", denied(child("[\"Decrypt\"]", "{\"EncryptionContextSubset\":{\"Dept\":\"HR\"}}")));
    // Someone the parent grant does not name gets nothing from it.
    assertEquals("AccessDeniedException", f.error(user(OTHER, "erin"), "CreateGrant",
        child("[\"Decrypt\"]", "{\"EncryptionContextSubset\":{\"Dept\":\"IT\"}}")).code());
    assertEquals(1, f.call(root(ACCOUNT), "ListGrants", "{\"KeyId\":\"" + keyId + "\"}").get("Grants").size());
  }

  @Test
  void constraintStrictness_followsAwsRules() {
    Map<String, String> it = Map.of("Dept", "IT");
    Map<String, String> itBlue = Map.of("Dept", "IT", "Team", "blue");
    // Subset parent: child may add pairs, or switch to Equals containing the pairs.
    assertTrue(GrantConstraints.atLeastAsStrict(null, itBlue, null, it));
    assertTrue(GrantConstraints.atLeastAsStrict(itBlue, null, null, it));
    assertFalse(GrantConstraints.atLeastAsStrict(null, null, null, it));
    assertFalse(GrantConstraints.atLeastAsStrict(null, Map.of("Team", "blue"), null, it));
    // Equals parent: the child must keep exactly that context ("not the reverse").
    assertTrue(GrantConstraints.atLeastAsStrict(it, null, it, null));
    assertFalse(GrantConstraints.atLeastAsStrict(null, itBlue, it, null));
    assertFalse(GrantConstraints.atLeastAsStrict(itBlue, null, it, null));
    // No parent constraint: anything goes.
    assertTrue(GrantConstraints.atLeastAsStrict(null, null, null, null));
  }
}
