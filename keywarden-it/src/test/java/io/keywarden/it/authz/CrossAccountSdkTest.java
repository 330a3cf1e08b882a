package io.keywarden.it.authz;

import static io.keywarden.it.authz.AuthzServer.ACCOUNT;
import static io.keywarden.it.authz.AuthzServer.PARTNER_ACCOUNT;
import static io.keywarden.it.authz.AuthzServer.PARTNER_ROLE;
import static io.keywarden.it.authz.AuthzServer.REGION;
import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.ENABLE_IAM_POLICIES;
import static io.keywarden.it.authz.KeyPolicies.KEY_ADMINISTRATORS;
import static io.keywarden.it.authz.KeyPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Cross-account use (KMS developer guide, "Allowing users in other accounts to use a KMS key"): a key
 * of 111122223333 is usable from 444455556666 only when its key policy allows that account (or the
 * caller) and the caller's own IAM policies allow too; by key ARN, never by key id.
 */
class CrossAccountSdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("shared", StandardCharsets.UTF_8);
  private static final String EXTERNAL_ACCOUNT =
      """
      {"Sid": "Allow an external account to use this KMS key", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                  "kms:DescribeKey"],
       "Resource": "*"}""";
  private static final String BY_CALLER_ACCOUNT =
      """
      {"Sid": "Any principal of the partner account", "Effect": "Allow", "Principal": {"AWS": "*"},
       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
       "Condition": {"StringEquals": {"kms:CallerAccount": "444455556666"}}}""";

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;
  private static KmsClient partner;
  private static KmsClient partnerIntern;
  private static KeyMetadata shared;
  private static KeyMetadata notShared;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    partner = server.kms(Who.PARTNER);
    partnerIntern = server.kms(Who.PARTNER_INTERN);
    shared = server.createKey(keyAdmin, policy(ENABLE_IAM_POLICIES, KEY_ADMINISTRATORS, EXTERNAL_ACCOUNT),
        Map.of());
    notShared = server.createKey(keyAdmin, null, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void partnersCall_isRecordedForTheCallerAndForTheKeyOwner() {
    software.amazon.awssdk.services.kms.model.EncryptResponse encrypted =
        partner.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT));
    java.nio.file.Path auditDir = server.server().keywarden().auditDirectory().orElseThrow();
    List<com.fasterxml.jackson.databind.JsonNode> records =
        io.keywarden.it.AuditFiles.ofRequest(auditDir, encrypted.responseMetadata().requestId());
    assertEquals(2, records.size(), records.toString());
    com.fasterxml.jackson.databind.JsonNode callers = records.get(0);
    com.fasterxml.jackson.databind.JsonNode owners = records.get(1);
    assertEquals(PARTNER_ACCOUNT, callers.get("recipientAccountId").asText());
    assertEquals(PARTNER_ACCOUNT, callers.at("/userIdentity/accountId").asText());
    assertEquals(ACCOUNT, owners.get("recipientAccountId").asText());
    assertEquals("AWSAccount", owners.at("/userIdentity/type").asText());
    assertEquals(PARTNER_ACCOUNT, owners.at("/userIdentity/accountId").asText());
    assertEquals(callers.get("sharedEventID").asText(), owners.get("sharedEventID").asText());
    assertNotEquals(callers.get("eventID").asText(), owners.get("eventID").asText());
    for (com.fasterxml.jackson.databind.JsonNode r : records) {
      assertEquals(shared.arn(), r.at("/resources/0/ARN").asText());
      assertEquals(ACCOUNT, r.at("/resources/0/accountId").asText());
    }
  }

  @Test
  void partner_allowedByBothPolicies_usesTheKeyByArn() {
    SdkBytes blob = partner.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT)).ciphertextBlob();

    assertArrayEquals(PLAINTEXT.asByteArray(),
        partner.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
    KeyMetadata seen = partner.describeKey(r -> r.keyId(shared.arn())).keyMetadata();
    assertEquals(ACCOUNT, seen.awsAccountId());
    // What the partner encrypted, the owner's users decrypt, and the other way round.
    assertArrayEquals(PLAINTEXT.asByteArray(),
        keyUser.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
  }

  /** A key id (or alias) names a key of the caller's own account. */
  @Test
  void partner_byKeyId_findsNoSuchKeyInItsOwnAccount() {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> partner.encrypt(r -> r.keyId(shared.keyId()).plaintext(PLAINTEXT)));

    assertEquals("Key 'arn:aws:kms:" + REGION + ":" + PARTNER_ACCOUNT + ":key/" + shared.keyId()
        + "' does not exist", e.awsErrorDetails().errorMessage());
    // Nor does it list the owner's keys: its own account's IAM policy allows no kms:ListKeys.
    assertDenied(Who.PARTNER, "kms:ListKeys", "*", Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> partner.listKeys(r -> {}));
  }

  @Test
  void partnerIntern_withoutItsOwnIamAllow_isDenied() {
    assertDenied(Who.PARTNER_INTERN, "kms:Encrypt", shared.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> partnerIntern.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT)));
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT)).ciphertextBlob();
    assertDenied(Who.PARTNER_INTERN, "kms:Decrypt", shared.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> partnerIntern.decrypt(r -> r.ciphertextBlob(blob)));
  }

  @Test
  void partner_onAKeyWhosePolicyDoesNotNameItsAccount_isDenied() {
    assertDenied(Who.PARTNER, "kms:Encrypt", notShared.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> partner.encrypt(r -> r.keyId(notShared.arn()).plaintext(PLAINTEXT)));
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(notShared.arn()).plaintext(PLAINTEXT)).ciphertextBlob();
    assertDenied(Who.PARTNER, "kms:Decrypt", notShared.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> partner.decrypt(r -> r.ciphertextBlob(blob)));
  }

  /** The key policy allows the account, not actions it does not list. */
  @Test
  void partner_cannotAdministerTheSharedKey() {
    assertDenied(Who.PARTNER, "kms:ScheduleKeyDeletion", shared.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> partner.scheduleKeyDeletion(r -> r.keyId(shared.arn()).pendingWindowInDays(7)));
  }

  /** A role of the partner account, assumed by its user, decrypts as its own IAM policy allows. */
  @Test
  void partnerRoleSession_decryptsButCannotEncrypt() {
    KmsClient session = server.kms(
        server.assumeRole(Who.PARTNER.credentials(), PARTNER_ROLE, "cross-account", Map.of(), List.of()));
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT)).ciphertextBlob();

    assertArrayEquals(PLAINTEXT.asByteArray(),
        session.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
    assertDenied("arn:aws:sts::" + PARTNER_ACCOUNT + ":assumed-role/partner-role/cross-account",
        "kms:Encrypt", shared.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> session.encrypt(r -> r.keyId(shared.arn()).plaintext(PLAINTEXT)));
  }

  /** partner-role trusts its account: the caller's IAM policy must allow sts:AssumeRole too. */
  @Test
  void partnerIntern_cannotAssumeThePartnerRole() {
    StsException e = assertThrows(StsException.class, () -> server.sts(Who.PARTNER_INTERN)
        .assumeRole(r -> r.roleArn(PARTNER_ROLE).roleSessionName("intern")));

    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    assertEquals(403, e.statusCode());
    assertEquals("User: " + Who.PARTNER_INTERN.arn()
        + " is not authorized to perform: sts:AssumeRole on resource: " + PARTNER_ROLE,
        e.awsErrorDetails().errorMessage());
  }

  /** partner-role's trust policy does not allow sts:TagSession: no session tags. */
  @Test
  void partner_cannotTagItsSession_withoutStsTagSession() {
    StsException e = assertThrows(StsException.class, () -> server.sts(Who.PARTNER)
        .assumeRole(r -> r.roleArn(PARTNER_ROLE).roleSessionName("tagged")
            .tags(t -> t.key("team").value("blue"))));

    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    assertEquals("User: " + Who.PARTNER.arn()
        + " is not authorized to perform: sts:TagSession on resource: " + PARTNER_ROLE,
        e.awsErrorDetails().errorMessage());
  }

  /** kms:CallerAccount in a statement for everyone: only the partner account's principals match. */
  @Test
  void callerAccountCondition_selectsThePartnerAccount() {
    KeyMetadata key = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, BY_CALLER_ACCOUNT), Map.of());

    partner.encrypt(r -> r.keyId(key.arn()).plaintext(PLAINTEXT));
    assertDenied(Who.PARTNER_INTERN, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> partnerIntern.encrypt(r -> r.keyId(key.arn()).plaintext(PLAINTEXT)));
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.arn()).plaintext(PLAINTEXT)));
  }
}
