package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsErrorOf;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.uniqueAlias;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

/**
 * AWS's key-state table (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) for
 * each operation family, with its errors: {@code DisabledException: <arn> is disabled.} (recorded),
 * {@code KMSInvalidStateException: <arn> is pending deletion.} and {@code ... is not pending
 * deletion.}.
 */
class KeyStateSdkTest {
  private static TestServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @Test
  void disabledKey_cryptographicAndRotationOperations_areDisabledException() {
    KeyMetadata key = newKey(kms);
    KeyMetadata enabled = newKey(kms);
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("before"))).ciphertextBlob();
    SdkBytes enabledBlob = kms.encrypt(r -> r.keyId(enabled.keyId()).plaintext(utf8("x"))).ciphertextBlob();
    kms.disableKey(r -> r.keyId(key.keyId()));

    for (Map.Entry<String, Executable> call : usesOf(key, blob, enabledBlob, enabled).entrySet()) {
      assertKmsErrorOf(call.getKey(), DisabledException.class, "DisabledException", key.arn() + " is disabled.",
          call.getValue());
    }
  }

  @Test
  void keyPendingDeletion_cryptographicRotationAndManagementOperations_areInvalidState() {
    KeyMetadata key = newKey(kms);
    KeyMetadata enabled = newKey(kms);
    String alias = uniqueAlias("pending");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(enabled.keyId()));
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("before"))).ciphertextBlob();
    SdkBytes enabledBlob = kms.encrypt(r -> r.keyId(enabled.keyId()).plaintext(utf8("x"))).ciphertextBlob();
    kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

    Map<String, Executable> calls = usesOf(key, blob, enabledBlob, enabled);
    calls.put("UpdateKeyDescription", () -> kms.updateKeyDescription(r -> r.keyId(key.keyId()).description("d")));
    calls.put("TagResource",
        () -> kms.tagResource(r -> r.keyId(key.keyId()).tags(Tag.builder().tagKey("k").tagValue("v").build())));
    calls.put("UntagResource", () -> kms.untagResource(r -> r.keyId(key.keyId()).tagKeys("k")));
    calls.put("CreateAlias", () -> kms.createAlias(r -> r.aliasName(uniqueAlias("new")).targetKeyId(key.keyId())));
    calls.put("UpdateAlias", () -> kms.updateAlias(r -> r.aliasName(alias).targetKeyId(key.keyId())));
    calls.put("EnableKey", () -> kms.enableKey(r -> r.keyId(key.keyId())));
    calls.put("DisableKey", () -> kms.disableKey(r -> r.keyId(key.keyId())));
    calls.put("ScheduleKeyDeletion", () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())));
    for (Map.Entry<String, Executable> call : calls.entrySet()) {
      assertKmsErrorOf(call.getKey(), KmsInvalidStateException.class, "KMSInvalidStateException",
          key.arn() + " is pending deletion.", call.getValue());
    }
    assertEquals(enabled.keyId(), kms.describeKey(r -> r.keyId(alias)).keyMetadata().keyId(), "alias unchanged");
  }

  @Test
  void disabledKey_managementAndReadOperations_succeed() {
    KeyMetadata key = newKey(kms);
    KeyMetadata other = newKey(kms);
    String alias = uniqueAlias("disabled");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(other.keyId()));
    kms.disableKey(r -> r.keyId(key.keyId()));

    kms.updateKeyDescription(r -> r.keyId(key.keyId()).description("still managed"));
    kms.tagResource(r -> r.keyId(key.keyId()).tags(Tag.builder().tagKey("k").tagValue("v").build()));
    kms.untagResource(r -> r.keyId(key.keyId()).tagKeys("k"));
    kms.createAlias(r -> r.aliasName(uniqueAlias("to-disabled")).targetKeyId(key.keyId()));
    kms.updateAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
    kms.putKeyPolicy(r -> r.keyId(key.keyId()).policy(kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy()));
    kms.listResourceTags(r -> r.keyId(key.keyId()));
    kms.listKeyPolicies(r -> r.keyId(key.keyId()));
    kms.listKeyRotations(r -> r.keyId(key.keyId()));
    assertFalse(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());

    KeyMetadata m = kms.describeKey(r -> r.keyId(alias)).keyMetadata();
    assertEquals(key.keyId(), m.keyId());
    assertEquals("still managed", m.description());
    assertEquals(KeyState.DISABLED, m.keyState());
  }

  @Test
  void keyPendingDeletion_readOperationsAndDeleteAlias_succeed() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("pending-read");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
    kms.enableKeyRotation(r -> r.keyId(key.keyId()));
    kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

    assertEquals(KeyState.PENDING_DELETION, kms.describeKey(r -> r.keyId(alias)).keyMetadata().keyState());
    kms.getKeyPolicy(r -> r.keyId(key.keyId()));
    kms.listKeyPolicies(r -> r.keyId(key.keyId()));
    kms.listResourceTags(r -> r.keyId(key.keyId()));
    kms.listKeyRotations(r -> r.keyId(key.keyId()));
    assertEquals(1, kms.listAliases(r -> r.keyId(key.keyId())).aliases().size());
    // AWS: while a key is pending deletion its rotation status reads false, and returns after a cancel.
    assertFalse(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());
    kms.deleteAlias(r -> r.aliasName(alias));
    kms.cancelKeyDeletion(r -> r.keyId(key.keyId()));
    assertTrue(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());
  }

  @Test
  void cancelKeyDeletion_ofAKeyNotPendingDeletion_isInvalidState() {
    KeyMetadata enabled = newKey(kms);
    KeyMetadata disabled = newKey(kms);
    kms.disableKey(r -> r.keyId(disabled.keyId()));

    for (KeyMetadata key : new KeyMetadata[] {enabled, disabled}) {
      assertKmsError(KmsInvalidStateException.class, "KMSInvalidStateException",
          key.arn() + " is not pending deletion.", () -> kms.cancelKeyDeletion(r -> r.keyId(key.keyId())));
    }
  }

  @Test
  void disabledKey_enabledAgain_decryptsWhatItEncryptedBefore() {
    KeyMetadata key = newKey(kms);
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("kept"))).ciphertextBlob();
    kms.disableKey(r -> r.keyId(key.keyId()));

    kms.enableKey(r -> r.keyId(key.keyId()));

    assertEquals("kept", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
  }

  /**
   * The operations that need an Enabled key: the data plane (with the key as the only key, as the
   * source and as the destination of ReEncrypt) and rotation.
   */
  private static Map<String, Executable> usesOf(
      KeyMetadata key, SdkBytes blob, SdkBytes enabledBlob, KeyMetadata enabled) {
    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("Encrypt", () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))));
    calls.put("Decrypt", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
    calls.put("Decrypt with KeyId", () -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(key.arn())));
    calls.put("ReEncrypt from", () -> kms.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(enabled.keyId())));
    calls.put("ReEncrypt to", () -> kms.reEncrypt(r -> r.ciphertextBlob(enabledBlob).destinationKeyId(key.keyId())));
    calls.put("GenerateDataKey", () -> kms.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32)));
    calls.put("GenerateDataKeyWithoutPlaintext",
        () -> kms.generateDataKeyWithoutPlaintext(r -> r.keyId(key.keyId()).keySpec("AES_256")));
    calls.put("EnableKeyRotation", () -> kms.enableKeyRotation(r -> r.keyId(key.keyId())));
    calls.put("DisableKeyRotation", () -> kms.disableKeyRotation(r -> r.keyId(key.keyId())));
    calls.put("RotateKeyOnDemand", () -> kms.rotateKeyOnDemand(r -> r.keyId(key.keyId())));
    return calls;
  }
}
