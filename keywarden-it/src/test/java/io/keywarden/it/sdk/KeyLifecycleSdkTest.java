package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.ACCOUNT;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.keyArn;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.uniqueAlias;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * CreateKey, DescribeKey, UpdateKeyDescription, EnableKey, DisableKey, ScheduleKeyDeletion and
 * CancelKeyDeletion through the SDK. The deletion at the end of the window is in {@link
 * BackgroundJobsSdkTest}.
 */
class KeyLifecycleSdkTest {
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
  @SuppressWarnings("deprecation") // CustomerMasterKeySpec: deprecated, still sent by AWS
  void createKey_withoutArguments_returnsCompleteSymmetricKeyMetadata() {
    Instant before = Instant.now().minusSeconds(1);
    KeyMetadata m = kms.createKey(r -> {}).keyMetadata();

    UUID.fromString(m.keyId());
    assertEquals(ACCOUNT, m.awsAccountId());
    assertEquals(keyArn(m.keyId()), m.arn());
    assertTrue(!m.creationDate().isBefore(before) && !m.creationDate().isAfter(Instant.now()));
    assertEquals(true, m.enabled());
    assertEquals("", m.description());
    assertEquals(KeyUsageType.ENCRYPT_DECRYPT, m.keyUsage());
    assertEquals(KeyState.ENABLED, m.keyState());
    assertEquals(OriginType.AWS_KMS, m.origin());
    assertEquals(KeyManagerType.CUSTOMER, m.keyManager());
    assertEquals(KeySpec.SYMMETRIC_DEFAULT, m.keySpec());
    assertEquals("SYMMETRIC_DEFAULT", m.customerMasterKeySpecAsString());
    assertEquals(List.of(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT), m.encryptionAlgorithms());
    assertEquals(false, m.multiRegion());
    assertNotNull(m.currentKeyMaterialId());
    assertNull(m.deletionDate());
    assertEquals(m, kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata());
  }

  @Test
  void createKey_withDescriptionAndTags_keepsBoth() {
    KeyMetadata m =
        kms.createKey(
                r ->
                    r.description("orders key")
                        .tags(
                            Tag.builder().tagKey("team").tagValue("payments").build(),
                            Tag.builder().tagKey("env").tagValue("").build()))
            .keyMetadata();

    assertEquals("orders key", m.description());
    assertEquals("orders key", kms.describeKey(r -> r.keyId(m.arn())).keyMetadata().description());
    assertEquals(
        List.of(
            Tag.builder().tagKey("team").tagValue("payments").build(),
            Tag.builder().tagKey("env").tagValue("").build()),
        kms.listResourceTags(r -> r.keyId(m.keyId())).tags());
  }

  @Test
  void describeKey_byKeyIdKeyArnAliasNameAndAliasArn_findsTheSameKey() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("describe");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    for (String id : List.of(key.keyId(), key.arn(), alias, SdkAssertions.aliasArn(alias))) {
      assertEquals(key, kms.describeKey(r -> r.keyId(id)).keyMetadata(), id);
    }
  }

  @Test
  void createKey_sm2KeySpec_isUnsupportedOutsideChinaRegions() {
    assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
        () -> kms.createKey(r -> r.keySpec(KeySpec.SM2).keyUsage(KeyUsageType.SIGN_VERIFY)));
  }

  /** Recorded (test_hmac_create_key_invalid_operations): the missing KeyUsage is a validation error. */
  @Test
  void createKey_hmacKeySpecWithoutKeyUsage_isTheRecordedValidationError() {
    assertKmsError("ValidationException",
        "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
        () -> kms.createKey(r -> r.keySpec(KeySpec.HMAC_256)));
  }

  @Test
  void createKey_unknownKeySpec_isTheRecordedEnumValidationError() {
    var e = assertKmsError("ValidationException", null, () -> kms.createKey(r -> r.keySpec("HMAC_random")));
    assertTrue(
        e.awsErrorDetails()
            .errorMessage()
            .startsWith(
                "1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [RSA_2048, ECC_NIST_P384,"
                    + " ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096,"
                    + " SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512"),
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void createKey_symmetricKeySpecWithSigningUsage_isValidationError() {
    assertKmsError("ValidationException",
        "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT",
        () -> kms.createKey(r -> r.keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.SIGN_VERIFY)));
  }

  @Test
  @SuppressWarnings("deprecation") // CustomerMasterKeySpec: the deprecated member is what this tests
  void createKey_keySpecAndCustomerMasterKeySpec_isValidationError() {
    assertKmsError("ValidationException", null,
        () -> kms.createKey(r -> r.keySpec(KeySpec.SYMMETRIC_DEFAULT).customerMasterKeySpec("SYMMETRIC_DEFAULT")));
  }

  @Test
  void createKey_otherOriginsCustomKeyStoresAndMultiRegion_areUnsupported() {
    for (OriginType origin : List.of(OriginType.EXTERNAL, OriginType.AWS_CLOUDHSM, OriginType.EXTERNAL_KEY_STORE)) {
      assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
          () -> kms.createKey(r -> r.origin(origin)));
    }
    assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
        () -> kms.createKey(r -> r.customKeyStoreId("cks-1234567890abcdef0")));
    assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
        () -> kms.createKey(r -> r.multiRegion(true)));
    assertEquals(OriginType.AWS_KMS, kms.createKey(r -> r.origin(OriginType.AWS_KMS)).keyMetadata().origin());
  }

  @Test
  void updateKeyDescription_changesWhatDescribeKeyReturns() {
    KeyMetadata key = newKey(kms);

    kms.updateKeyDescription(r -> r.keyId(key.arn()).description("renamed"));
    assertEquals("renamed", kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().description());
    kms.updateKeyDescription(r -> r.keyId(key.keyId()).description(""));
    assertEquals("", kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().description());
  }

  /** UpdateKeyDescription, EnableKey, ... take a key id or key ARN only (KMS API reference). */
  @Test
  void updateKeyDescription_byAliasName_isNotFound() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("update");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    assertKmsError(NotFoundException.class, "NotFoundException", "Invalid keyId '" + alias + "'",
        () -> kms.updateKeyDescription(r -> r.keyId(alias).description("x")));
    assertKmsError(NotFoundException.class, "NotFoundException", null,
        () -> kms.disableKey(r -> r.keyId(alias)));
  }

  @Test
  void disableKeyThenEnableKey_togglesEnabledAndKeyState_idempotently() {
    KeyMetadata key = newKey(kms);

    kms.disableKey(r -> r.keyId(key.keyId()));
    kms.disableKey(r -> r.keyId(key.arn()));
    KeyMetadata disabled = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
    assertEquals(KeyState.DISABLED, disabled.keyState());
    assertFalse(disabled.enabled());

    kms.enableKey(r -> r.keyId(key.arn()));
    kms.enableKey(r -> r.keyId(key.keyId()));
    KeyMetadata enabled = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
    assertEquals(KeyState.ENABLED, enabled.keyState());
    assertTrue(enabled.enabled());
  }

  @Test
  void scheduleKeyDeletion_withoutWindow_defaultsToThirtyDays() {
    KeyMetadata key = newKey(kms);
    Instant before = Instant.now();

    ScheduleKeyDeletionResponse r = kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()));

    assertEquals(key.arn(), r.keyId());
    assertEquals(KeyState.PENDING_DELETION, r.keyState());
    assertEquals(30, r.pendingWindowInDays());
    assertCloseTo(before.plus(Duration.ofDays(30)), r.deletionDate());
    KeyMetadata m = kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata();
    assertEquals(KeyState.PENDING_DELETION, m.keyState());
    assertFalse(m.enabled());
    assertEquals(r.deletionDate(), m.deletionDate());
  }

  @Test
  void scheduleKeyDeletion_windowOfSevenAndThirtyDays_isAccepted() {
    for (int days : new int[] {7, 30}) {
      KeyMetadata key = newKey(kms);
      Instant before = Instant.now();
      ScheduleKeyDeletionResponse r =
          kms.scheduleKeyDeletion(b -> b.keyId(key.arn()).pendingWindowInDays(days));
      assertEquals(days, r.pendingWindowInDays());
      assertCloseTo(before.plus(Duration.ofDays(days)), r.deletionDate());
    }
  }

  @Test
  void scheduleKeyDeletion_windowOutsideSevenToThirtyDays_isValidationError() {
    KeyMetadata key = newKey(kms);

    assertKmsError("ValidationException",
        "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 7",
        () -> kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(6)));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '31' at 'pendingWindowInDays' failed to satisfy constraint:"
            + " Member must have value less than or equal to 30",
        () -> kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(31)));
    assertEquals(KeyState.ENABLED, kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState());
  }

  @Test
  void cancelKeyDeletion_ofAnEnabledKey_leavesItDisabled() {
    KeyMetadata key = newKey(kms);
    kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(7));

    CancelKeyDeletionResponse r = kms.cancelKeyDeletion(b -> b.keyId(key.keyId()));

    assertEquals(key.arn(), r.keyId());
    KeyMetadata m = kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata();
    assertEquals(KeyState.DISABLED, m.keyState());
    assertFalse(m.enabled());
    assertNull(m.deletionDate());
    kms.enableKey(b -> b.keyId(key.keyId()));
    kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SdkAssertions.utf8("usable again")));
  }

  private static void assertCloseTo(Instant expected, Instant actual) {
    assertTrue(
        Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(5)) < 0,
        () -> "expected about " + expected + ", got " + actual);
  }
}
