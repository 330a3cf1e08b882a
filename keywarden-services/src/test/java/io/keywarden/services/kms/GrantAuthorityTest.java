package io.keywarden.services.kms;

import static io.keywarden.services.kms.GrantFixture.ACCOUNT;
import static io.keywarden.services.kms.GrantFixture.OTHER;
import static io.keywarden.services.kms.GrantFixture.REGION;
import static io.keywarden.services.kms.GrantFixture.root;
import static io.keywarden.services.kms.GrantFixture.roleArn;
import static io.keywarden.services.kms.GrantFixture.session;
import static io.keywarden.services.kms.GrantFixture.user;
import static io.keywarden.services.kms.GrantFixture.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.services.api.ApiException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The grant book as key authorisation consults it: matching, constraints, tokens, freshness. */
class GrantAuthorityTest {
  private static final String ALICE = userArn(ACCOUNT, "alice");
  private static final String BOB = userArn(ACCOUNT, "bob");
  private static final String APP_ROLE = roleArn(ACCOUNT, "app");

  private final GrantFixture f = new GrantFixture(null);
  private final String keyId;
  private final LoadedKey key;

  GrantAuthorityTest() {
    f.identities.add(ALICE).add(BOB).add(APP_ROLE).add(roleArn(ACCOUNT, "other"));
    keyId = f.createKey(ACCOUNT);
    key = f.kms.core().keys.find(REGION, keyId).orElseThrow();
  }

  @AfterEach
  void close() {
    f.close();
  }

  private String grant(String grantee, String operations, String constraints) {
    return f.call(root(ACCOUNT), "CreateGrant", "{\"KeyId\":\"" + keyId + "\",\"GranteePrincipal\":\""
            + grantee + "\",\"Operations\":" + operations
            + (constraints == null ? "" : ",\"Constraints\":" + constraints) + "}")
        .get("GrantToken").asText();
  }

  private Optional<Grant> allowing(Principal p, String operation, Map<String, String> context) {
    return f.kms.grants().allowing(p, key, operation, context, List.of());
  }

  @Test
  void grantee_getsExactlyTheGrantOperations() {
    grant(ALICE, "[\"Decrypt\",\"GenerateDataKey\"]", null);
    assertTrue(allowing(user(ACCOUNT, "alice"), "Decrypt", Map.of()).isPresent());
    assertTrue(allowing(user(ACCOUNT, "alice"), "GenerateDataKey", Map.of()).isPresent());
    assertFalse(allowing(user(ACCOUNT, "alice"), "Encrypt", Map.of()).isPresent());
    assertFalse(allowing(user(ACCOUNT, "alice"), "GenerateDataKeyWithoutPlaintext", Map.of()).isPresent());
    assertFalse(allowing(user(ACCOUNT, "bob"), "Decrypt", Map.of()).isPresent());
    assertFalse(allowing(root(ACCOUNT), "Decrypt", Map.of()).isPresent());
  }

  @Test
  void grantToRole_appliesToItsSessions_grantToSession_onlyToThatSession() {
    grant(APP_ROLE, "[\"Encrypt\"]", null);
    grant(Principal.sessionArn(ACCOUNT, "other", "s1"), "[\"Decrypt\"]", null);
    assertTrue(allowing(session(ACCOUNT, "app", "any-session"), "Encrypt", Map.of()).isPresent());
    assertFalse(allowing(session(ACCOUNT, "other", "s2"), "Encrypt", Map.of()).isPresent());
    assertTrue(allowing(session(ACCOUNT, "other", "s1"), "Decrypt", Map.of()).isPresent());
    assertFalse(allowing(session(ACCOUNT, "other", "s2"), "Decrypt", Map.of()).isPresent());
  }

  @Test
  void grantToAccount_appliesToItsPrincipals_whoNeedIamToo() {
    grant("arn:aws:iam::" + OTHER + ":root", "[\"Encrypt\"]", null);
    Principal carol = user(OTHER, "carol");
    Grant viaAccount = allowing(carol, "Encrypt", Map.of()).orElseThrow();
    assertTrue(GrantAuthority.delegatesToAccount(viaAccount, carol));
    Grant forRoot = allowing(root(OTHER), "Encrypt", Map.of()).orElseThrow();
    assertFalse(GrantAuthority.delegatesToAccount(forRoot, root(OTHER)));
    assertFalse(allowing(user(ACCOUNT, "alice"), "Encrypt", Map.of()).isPresent());
    // A grant naming the caller itself comes before one naming its account.
    f.identities.add(userArn(OTHER, "carol"));
    grant(userArn(OTHER, "carol"), "[\"Encrypt\"]", null);
    assertFalse(GrantAuthority.delegatesToAccount(allowing(carol, "Encrypt", Map.of()).orElseThrow(), carol));
  }

  @Test
  void encryptionContextEquals_exactPairs_keysWithoutCase() {
    grant(ALICE, "[\"Decrypt\",\"DescribeKey\"]", "{\"EncryptionContextEquals\":{\"Dept\":\"IT\"}}");
    Principal alice = user(ACCOUNT, "alice");
    assertTrue(allowing(alice, "Decrypt", Map.of("Dept", "IT")).isPresent());
    assertTrue(allowing(alice, "Decrypt", Map.of("dept", "IT")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of("Dept", "it")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of("Dept", "IT", "Purpose", "Test")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of()).isPresent());
    assertFalse(allowing(alice, "Decrypt", null).isPresent());
    // Constraints do not apply to operations without an encryption context.
    assertTrue(allowing(alice, "DescribeKey", null).isPresent());
  }

  @Test
  void encryptionContextSubset_requestMayAddPairs() {
    grant(ALICE, "[\"Decrypt\"]", "{\"EncryptionContextSubset\":{\"Department\":\"Finance\",\"Classification\":\"Public\"}}");
    Principal alice = user(ACCOUNT, "alice");
    // AWS's documented examples.
    assertTrue(allowing(alice, "Decrypt", Map.of("Department", "Finance", "Classification", "Public")).isPresent());
    assertTrue(allowing(alice, "Decrypt", Map.of("Customer", "12345", "Department", "Finance",
        "Classification", "Public", "Purpose", "Test")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of("Department", "Finance")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of("department", "finance", "classification", "public")).isPresent());
    assertFalse(allowing(alice, "Decrypt", Map.of("Classification", "Public", "Customer", "12345")).isPresent());
  }

  @Test
  void tokens_malformedOrForeign_areInvalid() {
    String token = grant(ALICE, "[\"Decrypt\"]", null);
    GrantAuthority grants = f.kms.grants();
    grants.validateTokens(List.of(token));
    assertEquals("InvalidGrantTokenException", assertThrows(ApiException.class,
        () -> grants.validateTokens(List.of("!!not base64!!"))).code());
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[raw.length - 1] ^= 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertEquals("InvalidGrantTokenException", assertThrows(ApiException.class,
        () -> grants.allowing(user(ACCOUNT, "alice"), key, "Decrypt", Map.of(), List.of(tampered))).code());
    try (GrantFixture elsewhere = new GrantFixture(null)) {
      elsewhere.identities.add(ALICE);
      String foreignKey = elsewhere.createKey(ACCOUNT);
      String foreign = elsewhere.call(root(ACCOUNT), "CreateGrant", "{\"KeyId\":\"" + foreignKey
          + "\",\"GranteePrincipal\":\"" + ALICE + "\",\"Operations\":[\"Decrypt\"]}").get("GrantToken").asText();
      assertThrows(ApiException.class, () -> grants.validateTokens(List.of(foreign)));
    }
  }

  /** A second node over the same storage: it learns of grants by token at once, else on refresh. */
  @Test
  void otherNode_seesNewGrantThroughItsToken_andRevocationAfterRefresh() {
    AtomicInteger reads = new AtomicInteger();
    GrantBook node2 =
        new GrantBook(counting(f.storage.grants(), reads), new GrantTokens(f.storage.settings(), f.root),
            f.clock, Duration.ofSeconds(10), Runnable::run);
    Principal alice = user(ACCOUNT, "alice");
    assertFalse(node2.allowing(alice, key, "Decrypt", Map.of(), List.of()).isPresent());

    String token = grant(ALICE, "[\"Decrypt\"]", null);
    assertFalse(node2.allowing(alice, key, "Decrypt", Map.of(), List.of()).isPresent());
    assertTrue(node2.allowing(alice, key, "Decrypt", Map.of(), List.of(token)).isPresent());
    assertTrue(node2.allowing(alice, key, "Decrypt", Map.of(), List.of()).isPresent());

    String grantId = node2.including(alice, key, "Decrypt", List.of()).get(0).grantId();
    f.call(root(ACCOUNT), "RevokeGrant", "{\"KeyId\":\"" + keyId + "\",\"GrantId\":\"" + grantId + "\"}");
    assertTrue(node2.allowing(alice, key, "Decrypt", Map.of(), List.of()).isPresent());
    f.clock.advance(Duration.ofSeconds(11));
    node2.allowing(alice, key, "Decrypt", Map.of(), List.of()); // starts the refresh
    assertFalse(node2.allowing(alice, key, "Decrypt", Map.of(), List.of()).isPresent());

    // A revoked grant's token reads storage once, then is remembered as absent.
    int before = reads.get();
    assertFalse(node2.allowing(alice, key, "Decrypt", Map.of(), List.of(token)).isPresent());
    assertFalse(node2.allowing(alice, key, "Decrypt", Map.of(), List.of(token)).isPresent());
    assertEquals(before + 1, reads.get());
  }

  @Test
  void keyDeletion_dropsItsGrants() {
    grant(ALICE, "[\"Decrypt\"]", null);
    f.call(root(ACCOUNT), "ScheduleKeyDeletion", "{\"KeyId\":\"" + keyId + "\",\"PendingWindowInDays\":7}");
    f.clock.advance(Duration.ofDays(8));
    assertEquals(1, f.kms.backgroundJobs().runDue());
    assertTrue(f.storage.grants().listForKey(REGION, keyId).isEmpty());
    assertFalse(allowing(user(ACCOUNT, "alice"), "Decrypt", Map.of()).isPresent());
  }

  private static GrantRepository counting(GrantRepository inner, AtomicInteger reads) {
    return new GrantRepository() {
      @Override
      public void insert(Grant grant) {
        inner.insert(grant);
      }

      @Override
      public Optional<Grant> find(String region, String grantId) {
        return inner.find(region, grantId);
      }

      @Override
      public List<Grant> listForKey(String region, String keyId) {
        reads.incrementAndGet();
        return inner.listForKey(region, keyId);
      }

      @Override
      public List<Grant> listRetirable(String retiringPrincipal) {
        return inner.listRetirable(retiringPrincipal);
      }

      @Override
      public boolean delete(String region, String grantId) {
        return inner.delete(region, grantId);
      }
    };
  }
}
