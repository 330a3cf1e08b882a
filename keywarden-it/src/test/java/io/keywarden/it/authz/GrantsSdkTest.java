package io.keywarden.it.authz;

import static io.keywarden.it.authz.AuthzServer.APP_ROLE;
import static io.keywarden.it.authz.Denials.assertDenied;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Grants between principals with their own credentials: key-admin (whose IAM policy allows
 * kms:Create*, hence CreateGrant, and kms:Revoke*) grants to nobody, who has no policy at all, and
 * names key-user as the retiring principal. The keys have the default key policy.
 */
class GrantsSdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("granted", StandardCharsets.UTF_8);
  private static final Map<String, String> PURPOSE = Map.of("purpose", "grants-it");

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;
  private static KmsClient nobody;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    nobody = server.kms(Who.NOBODY);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CreateGrantResponse grantToNobody(KeyMetadata key, String name) {
    return keyAdmin.createGrant(r -> r.keyId(key.keyId()).name(name)
        .granteePrincipal(Who.NOBODY.arn())
        .retiringPrincipal(Who.KEY_USER.arn())
        .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT)
        .constraints(c -> c.encryptionContextSubset(PURPOSE)));
  }

  @Test
  void grantee_usesTheGrantAtOnce_withItsToken_withinTheConstraint() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    Map<String, String> wider = Map.of("purpose", "grants-it", "request", "42");
    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT).encryptionContext(PURPOSE)));

    CreateGrantResponse grant = grantToNobody(key, "nobody-encrypts");

    SdkBytes blob = nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
        .encryptionContext(wider).grantTokens(grant.grantToken())).ciphertextBlob();
    assertArrayEquals(PLAINTEXT.asByteArray(), nobody.decrypt(r -> r.ciphertextBlob(blob)
        .encryptionContext(wider).grantTokens(grant.grantToken())).plaintext().asByteArray());
  }

  @Test
  void grantee_outsideTheConstraint_orTheOperations_isDenied() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = grantToNobody(key, "constrained");

    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .encryptionContext(Map.of("purpose", "other")).grantTokens(grant.grantToken())));
    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .grantTokens(grant.grantToken())));
    assertDenied(Who.NOBODY, "kms:GenerateDataKey", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32)
            .encryptionContext(PURPOSE).grantTokens(grant.grantToken())));
    assertDenied(Who.NOBODY, "kms:DescribeKey", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.describeKey(r -> r.keyId(key.keyId()).grantTokens(grant.grantToken())));
  }

  @Test
  void grantsAreListed_byWhoMayList_only() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = grantToNobody(key, "listed");

    List<GrantListEntry> grants = keyAdmin.listGrants(r -> r.keyId(key.keyId())).grants();
    assertEquals(1, grants.size());
    GrantListEntry g = grants.get(0);
    assertEquals(grant.grantId(), g.grantId());
    assertEquals("listed", g.name());
    assertEquals(Who.NOBODY.arn(), g.granteePrincipal());
    assertEquals(Who.KEY_USER.arn(), g.retiringPrincipal());
    assertEquals(KeyPolicies.ROOT, g.issuingAccount());
    assertEquals(List.of(GrantOperation.ENCRYPT, GrantOperation.DECRYPT), g.operations());
    assertEquals(PURPOSE, g.constraints().encryptionContextSubset());

    assertTrue(keyAdmin.listRetirableGrants(r -> r.retiringPrincipal(Who.KEY_USER.arn())).grants()
        .stream().anyMatch(e -> e.grantId().equals(grant.grantId())));
    assertDenied(Who.NOBODY, "kms:ListGrants", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.listGrants(r -> r.keyId(key.keyId())));
  }

  @Test
  void createGrant_withTheSameName_isIdempotent() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse first = grantToNobody(key, "same-name");
    CreateGrantResponse again = grantToNobody(key, "same-name");

    assertEquals(first.grantId(), again.grantId());
    assertNotEquals(first.grantToken(), again.grantToken(), "a fresh token each time, as AWS does");
    assertEquals(1, keyAdmin.listGrants(r -> r.keyId(key.keyId())).grants().size());
    // A retry is a CreateGrant like any other: the grantee may not make it.
    assertDenied(Who.NOBODY, "kms:CreateGrant", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.createGrant(r -> r.keyId(key.keyId()).name("same-name")
            .granteePrincipal(Who.NOBODY.arn()).retiringPrincipal(Who.KEY_USER.arn())
            .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT)
            .constraints(c -> c.encryptionContextSubset(PURPOSE))));
  }

  @Test
  void nobody_cannotCreateGrants_evenForItself() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());

    assertDenied(Who.NOBODY, "kms:CreateGrant", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.createGrant(r -> r.keyId(key.keyId()).granteePrincipal(Who.NOBODY.arn())
            .operations(GrantOperation.DECRYPT)));
  }

  @Test
  void retiringPrincipal_retiresTheGrant_byToken_andTheGranteeLosesIt() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = grantToNobody(key, "retired");
    nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT).encryptionContext(PURPOSE)
        .grantTokens(grant.grantToken()));

    // The grantee may not retire it (the grant lacks RetireGrant; its IAM allows nothing).
    KmsException refused = assertThrows(KmsException.class,
        () -> nobody.retireGrant(r -> r.grantToken(grant.grantToken())));
    assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
    assertTrue(refused.awsErrorDetails().errorMessage().startsWith("User: " + Who.NOBODY.arn()
        + " is not authorized to perform: kms:RetireGrant on resource: " + key.arn()),
        refused.awsErrorDetails().errorMessage());

    keyUser.retireGrant(r -> r.grantToken(grant.grantToken()));

    assertTrue(keyAdmin.listGrants(r -> r.keyId(key.keyId())).grants().isEmpty());
    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT).encryptionContext(PURPOSE)));
  }

  @Test
  void retiringPrincipal_retiresByKeyAndGrantId() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = grantToNobody(key, "retired-by-id");
    KmsException refused = assertThrows(KmsException.class,
        () -> nobody.retireGrant(r -> r.keyId(key.arn()).grantId(grant.grantId())));
    assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());

    keyUser.retireGrant(r -> r.keyId(key.arn()).grantId(grant.grantId()));

    assertTrue(keyAdmin.listGrants(r -> r.keyId(key.keyId())).grants().isEmpty());
  }

  @Test
  void keyAdmin_revokesTheGrant_keyUserMayNot() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = grantToNobody(key, "revoked");
    SdkBytes blob = nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
        .encryptionContext(PURPOSE).grantTokens(grant.grantToken())).ciphertextBlob();

    assertDenied(Who.KEY_USER, "kms:RevokeGrant", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.revokeGrant(r -> r.keyId(key.keyId()).grantId(grant.grantId())));
    keyAdmin.revokeGrant(r -> r.keyId(key.keyId()).grantId(grant.grantId()));

    assertDenied(Who.NOBODY, "kms:Decrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(PURPOSE)));
  }

  @Test
  void grantWithContextEquals_allowsExactlyThatContext() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());
    CreateGrantResponse grant = keyAdmin.createGrant(r -> r.keyId(key.keyId())
        .granteePrincipal(Who.NOBODY.arn()).operations(GrantOperation.ENCRYPT)
        .constraints(c -> c.encryptionContextEquals(PURPOSE)));

    nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT).encryptionContext(PURPOSE)
        .grantTokens(grant.grantToken()));
    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .encryptionContext(Map.of("purpose", "grants-it", "more", "x"))
            .grantTokens(grant.grantToken())));
  }

  /**
   * A grant to a role applies to its sessions — here to a session whose IAM policy (ABAC on team)
   * does not allow the key.
   */
  @Test
  void grantToARole_appliesToItsSessions() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of("team", "blue"));
    CreateGrantResponse grant = keyAdmin.createGrant(r -> r.keyId(key.keyId())
        .granteePrincipal(APP_ROLE).operations(GrantOperation.DECRYPT));
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();
    KmsClient redSession = server.kms(server.assumeRole(
        Who.KEY_USER.credentials(), APP_ROLE, "granted-red", Map.of("team", "red"), List.of()));

    assertArrayEquals(PLAINTEXT.asByteArray(), redSession.decrypt(r -> r.ciphertextBlob(blob)
        .grantTokens(grant.grantToken())).plaintext().asByteArray());
    assertDenied("arn:aws:sts::" + AuthzServer.ACCOUNT + ":assumed-role/app-role/granted-red",
        "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> redSession.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
  }
}
