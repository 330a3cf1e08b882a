package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.aliasArn;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.assertNoMessage;
import static io.keywarden.it.sdk.SdkAssertions.context;
import static io.keywarden.it.sdk.SdkAssertions.newDisabledKey;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.uniqueAlias;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/** Encrypt, Decrypt and ReEncrypt, with encryption context, DryRun and the decryption errors. */
class EncryptDecryptSdkTest {
  /** Recorded: test_re_encrypt_incorrect_source_key, test_error_messaging_for_invalid_keys. */
  static final String INCORRECT_KEY =
      "The key ID in the request does not identify a CMK that can perform this operation.";
  /** Recorded: test_generate_data_key_pair_dry_run. */
  static final String DRY_RUN = "The request would have succeeded, but the DryRun option is set.";

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
  void encrypt_byKeyIdKeyArnAliasAndAliasArn_answersTheKeyArn_andDecryptsWithoutKeyId() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("enc");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    for (String id : List.of(key.keyId(), key.arn(), alias, aliasArn(alias))) {
      EncryptResponse e = kms.encrypt(r -> r.keyId(id).plaintext(utf8("secret via " + id)));
      assertEquals(key.arn(), e.keyId(), id);
      assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, e.encryptionAlgorithm());

      DecryptResponse d = kms.decrypt(r -> r.ciphertextBlob(e.ciphertextBlob()));
      assertEquals("secret via " + id, d.plaintext().asUtf8String());
      assertEquals(key.arn(), d.keyId());
      assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, d.encryptionAlgorithm());
      assertEquals(key.currentKeyMaterialId(), d.keyMaterialId());
    }
  }

  @Test
  void decrypt_withKeyIdOfTheRightKeyInAnyForm_decrypts() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("dec");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("p"))).ciphertextBlob();

    for (String id : List.of(key.keyId(), key.arn(), alias, aliasArn(alias))) {
      assertEquals("p", kms.decrypt(r -> r.ciphertextBlob(blob).keyId(id)).plaintext().asUtf8String(), id);
    }
  }

  @Test
  void decrypt_withKeyIdOfAnotherKey_isIncorrectKey() {
    KeyMetadata key = newKey(kms);
    KeyMetadata other = newKey(kms);
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("p"))).ciphertextBlob();

    assertKmsError(IncorrectKeyException.class, "IncorrectKeyException", INCORRECT_KEY,
        () -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(other.keyId())));
  }

  /** Recorded: test_plaintext_size_for_encrypt. */
  @Test
  void encrypt_plaintextOf4096Bytes_succeeds_and4097Bytes_isTheRecordedValidationError() {
    KeyMetadata key = newKey(kms);
    byte[] max = filled(4096);

    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(max))).ciphertextBlob();
    assertArrayEquals(max, kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
    assertKmsError("ValidationException",
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have"
            + " length less than or equal to 4096",
        () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(filled(4097)))));
  }

  @Test
  void encryptEmptyPlaintextAndDecryptOversizedCiphertext_areValidationErrors() {
    KeyMetadata key = newKey(kms);

    assertKmsError("ValidationException",
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have"
            + " length greater than or equal to 1",
        () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(new byte[0]))));
    assertKmsError("ValidationException",
        "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: Member must have"
            + " length less than or equal to 6144",
        () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(new byte[6145]))));
  }

  /** Every byte of the blob is covered: flipping any one of them is InvalidCiphertextException. */
  @Test
  void decrypt_ciphertextWithAnyByteFlippedTruncatedOrExtended_isInvalidCiphertextWithoutMessage() {
    KeyMetadata key = newKey(kms);
    byte[] blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("integrity"))).ciphertextBlob().asByteArray();

    for (int i = 0; i < blob.length; i++) {
      byte[] corrupted = blob.clone();
      corrupted[i] ^= 0x01;
      assertInvalidCiphertext(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(corrupted))));
    }
    assertInvalidCiphertext(
        () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Arrays.copyOf(blob, blob.length - 1)))));
    assertInvalidCiphertext(
        () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Arrays.copyOf(blob, blob.length + 1)))));
    assertInvalidCiphertext(() -> kms.decrypt(r -> r.ciphertextBlob(utf8("not a ciphertext at all"))));
    byte[] flipped = blob.clone();
    flipped[blob.length - 1] ^= 0x01;
    assertInvalidCiphertext(
        () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(flipped)).keyId(key.keyId())));
  }

  /** Recorded: test_encrypt_decrypt_encryption_context. */
  @Test
  void decrypt_encryptionContextThatDiffersInAnyWay_isInvalidCiphertext() {
    KeyMetadata key = newKey(kms);
    Map<String, String> context = context("purpose", "test", "tenant", "42");
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("bound")).encryptionContext(context)).ciphertextBlob();

    List<Map<String, String>> wrong =
        List.of(
            Map.of(),
            context("purpose", "test"),
            context("purpose", "test", "tenant", "43"),
            context("purpose", "test", "Tenant", "42"),
            context("purpose", "test", "tenant", "42", "extra", ""),
            context("purpose", "test:tenant", "", "42"));
    for (Map<String, String> c : wrong) {
      assertInvalidCiphertext(() -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(c)));
    }
    assertInvalidCiphertext(() -> kms.decrypt(r -> r.ciphertextBlob(blob)));
    Map<String, String> reordered = new TreeMap<>(java.util.Comparator.reverseOrder());
    reordered.putAll(context);
    assertEquals("bound",
        kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(reordered)).plaintext().asUtf8String());
  }

  @Test
  void reEncrypt_toAnotherKeyAndContext_givesABlobOnlyTheNewKeyAndContextDecrypt() {
    KeyMetadata source = newKey(kms);
    KeyMetadata destination = newKey(kms);
    Map<String, String> oldContext = context("v", "1");
    Map<String, String> newContext = context("v", "2");
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(source.keyId()).plaintext(utf8("moving")).encryptionContext(oldContext))
            .ciphertextBlob();

    ReEncryptResponse r =
        kms.reEncrypt(b -> b.ciphertextBlob(blob).sourceEncryptionContext(oldContext)
            .destinationKeyId(destination.keyId()).destinationEncryptionContext(newContext));

    assertEquals(source.arn(), r.sourceKeyId());
    assertEquals(destination.arn(), r.keyId());
    assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, r.sourceEncryptionAlgorithm());
    assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, r.destinationEncryptionAlgorithm());
    assertEquals(source.currentKeyMaterialId(), r.sourceKeyMaterialId());
    assertEquals(destination.currentKeyMaterialId(), r.destinationKeyMaterialId());
    DecryptResponse d = kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob()).encryptionContext(newContext));
    assertEquals("moving", d.plaintext().asUtf8String());
    assertEquals(destination.arn(), d.keyId());
    assertInvalidCiphertext(() -> kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob()).encryptionContext(oldContext)));
    assertEquals("moving",
        kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(oldContext)).plaintext().asUtf8String());
  }

  @Test
  void reEncrypt_wrongSourceContextOrSourceKeyId_fails() {
    KeyMetadata source = newKey(kms);
    KeyMetadata destination = newKey(kms);
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(source.keyId()).plaintext(utf8("x")).encryptionContext(context("a", "b")))
            .ciphertextBlob();

    assertInvalidCiphertext(() -> kms.reEncrypt(b -> b.ciphertextBlob(blob).destinationKeyId(destination.keyId())));
    assertKmsError(IncorrectKeyException.class, "IncorrectKeyException", INCORRECT_KEY,
        () -> kms.reEncrypt(b -> b.ciphertextBlob(blob).sourceEncryptionContext(context("a", "b"))
            .sourceKeyId(destination.keyId()).destinationKeyId(destination.keyId())));
  }

  @Test
  void dryRun_onEncryptDecryptReEncryptAndDataKeys_isDryRunOperation() {
    KeyMetadata key = newKey(kms);
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))).ciphertextBlob();

    List<Executable> calls =
        List.of(
            () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x")).dryRun(true)),
            () -> kms.decrypt(r -> r.ciphertextBlob(blob).dryRun(true)),
            () -> kms.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(key.keyId()).dryRun(true)),
            () -> kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec("AES_256").dryRun(true)),
            () -> kms.generateDataKeyWithoutPlaintext(r -> r.keyId(key.keyId()).numberOfBytes(16).dryRun(true)));
    for (Executable call : calls) {
      assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN, call);
    }
    kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x")).dryRun(false));
  }

  /** DryRun answers what the call would have answered: here, that the key is disabled. */
  @Test
  void dryRun_onADisabledKey_isDisabled() {
    KeyMetadata key = newDisabledKey(kms);

    assertKmsError(DisabledException.class, "DisabledException", key.arn() + " is disabled.",
        () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x")).dryRun(true)));
  }

  @Test
  void encryptAndDecrypt_asymmetricEncryptionAlgorithm_isInvalidKeyUsage() {
    KeyMetadata key = newKey(kms);
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))
        .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)).ciphertextBlob();

    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.",
        () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("x"))
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)));
  }

  private static void assertInvalidCiphertext(Executable call) {
    assertNoMessage(assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null, call));
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
