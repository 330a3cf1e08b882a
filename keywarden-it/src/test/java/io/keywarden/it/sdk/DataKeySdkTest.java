package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.assertNoMessage;
import static io.keywarden.it.sdk.SdkAssertions.context;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.it.TestServer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** GenerateDataKey, GenerateDataKeyWithoutPlaintext and GenerateRandom. */
class DataKeySdkTest {
  private static TestServer server;
  private static KmsClient kms;
  private static KeyMetadata key;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    key = newKey(kms);
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @Test
  void generateDataKey_aes256AndAes128_giveKeysOf32And16BytesThatDecrypt() {
    for (DataKeySpec spec : new DataKeySpec[] {DataKeySpec.AES_256, DataKeySpec.AES_128}) {
      GenerateDataKeyResponse r = kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(spec));

      assertEquals(spec == DataKeySpec.AES_256 ? 32 : 16, r.plaintext().asByteArray().length, spec.toString());
      assertEquals(key.arn(), r.keyId());
      assertEquals(key.currentKeyMaterialId(), r.keyMaterialId());
      assertArrayEquals(r.plaintext().asByteArray(),
          kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob())).plaintext().asByteArray());
    }
  }

  @Test
  void generateDataKey_numberOfBytesFromOneTo1024_givesThatMany() {
    for (int n : new int[] {1, 64, 1024}) {
      GenerateDataKeyResponse r = kms.generateDataKey(b -> b.keyId(key.arn()).numberOfBytes(n));
      assertEquals(n, r.plaintext().asByteArray().length);
      assertArrayEquals(r.plaintext().asByteArray(),
          kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob()).keyId(key.keyId())).plaintext().asByteArray());
    }
  }

  @Test
  void generateDataKey_numberOfBytesOutsideOneTo1024_isValidationError() {
    assertKmsError("ValidationException",
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1",
        () -> kms.generateDataKey(b -> b.keyId(key.keyId()).numberOfBytes(0)));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member"
            + " must have value less than or equal to 1024",
        () -> kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key.keyId()).numberOfBytes(1025)));
  }

  @Test
  void generateDataKey_bothOrNeitherOfKeySpecAndNumberOfBytes_isValidationError() {
    assertKmsError("ValidationException", null,
        () -> kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).numberOfBytes(32)));
    assertKmsError("ValidationException", null, () -> kms.generateDataKey(b -> b.keyId(key.keyId())));
    assertKmsError("ValidationException", null, () -> kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key.keyId())));
  }

  @Test
  void generateDataKey_twice_givesDifferentKeys() {
    byte[] a = kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)).plaintext().asByteArray();
    byte[] c = kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)).plaintext().asByteArray();

    assertFalse(Arrays.equals(a, c));
  }

  /** Recorded: test_encryption_context_generate_data_key(_without_plaintext). */
  @Test
  void generateDataKeysWithContext_decryptOnlyWithThatContext() {
    Map<String, String> context = context("bucket", "invoices", "object", "2024/01.pdf");
    GenerateDataKeyResponse withPlaintext =
        kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).encryptionContext(context));
    GenerateDataKeyWithoutPlaintextResponse without =
        kms.generateDataKeyWithoutPlaintext(
            b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_128).encryptionContext(context));

    assertArrayEquals(withPlaintext.plaintext().asByteArray(),
        kms.decrypt(b -> b.ciphertextBlob(withPlaintext.ciphertextBlob()).encryptionContext(context))
            .plaintext().asByteArray());
    assertEquals(16,
        kms.decrypt(b -> b.ciphertextBlob(without.ciphertextBlob()).encryptionContext(context))
            .plaintext().asByteArray().length);
    for (SdkBytes blob : new SdkBytes[] {withPlaintext.ciphertextBlob(), without.ciphertextBlob()}) {
      assertNoMessage(assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
          () -> kms.decrypt(b -> b.ciphertextBlob(blob))));
    }
  }

  @Test
  void generateDataKeyWithoutPlaintext_returnsNoPlaintext_andTheKeyArn() {
    GenerateDataKeyWithoutPlaintextResponse r =
        kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key.keyId()).numberOfBytes(48));

    assertEquals(key.arn(), r.keyId());
    assertEquals(key.currentKeyMaterialId(), r.keyMaterialId());
    assertEquals(48, kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob())).plaintext().asByteArray().length);
  }

  @Test
  void generateRandom_oneTo1024Bytes_givesThatManyFreshBytes() {
    for (int n : new int[] {1, 32, 1024}) {
      assertEquals(n, kms.generateRandom(b -> b.numberOfBytes(n)).plaintext().asByteArray().length);
    }
    byte[] a = kms.generateRandom(b -> b.numberOfBytes(32)).plaintext().asByteArray();
    byte[] c = kms.generateRandom(b -> b.numberOfBytes(32)).plaintext().asByteArray();
    assertFalse(Arrays.equals(a, c));
    assertNull(kms.generateRandom(b -> b.numberOfBytes(1)).ciphertextForRecipient());
  }

  /** Recorded: test_generate_random_invalid_number_of_bytes[None], [0] and [1025]. */
  @Test
  void generateRandom_missingZeroOr1025Bytes_isTheRecordedValidationError() {
    assertKmsError("ValidationException", "NumberOfBytes is required.", () -> kms.generateRandom(b -> {}));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1",
        () -> kms.generateRandom(b -> b.numberOfBytes(0)));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member"
            + " must have value less than or equal to 1024",
        () -> kms.generateRandom(b -> b.numberOfBytes(1025)));
  }
}
