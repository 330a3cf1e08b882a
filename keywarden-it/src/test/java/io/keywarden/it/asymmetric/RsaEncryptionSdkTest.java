package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.IndependentCrypto.randomBytes;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.DRY_RUN;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.usageNotValid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * Encrypt, Decrypt and ReEncrypt with RSA keys (RSAES_OAEP_SHA_1 and _256): each size's plaintext limit
 * with AWS's recorded message, ciphertexts made outside Keywarden with GetPublicKey's key, ReEncrypt
 * between RSA and symmetric keys (recorded test_re_encrypt[RSA_2048-RSAES_OAEP_SHA_256]).
 */
class RsaEncryptionSdkTest {
  private static final List<KeySpec> RSA = List.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096);
  private static final List<EncryptionAlgorithmSpec> OAEP =
      List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);

  private static TestServer server;
  private static KmsClient kms;
  private static KeyPool keys;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    keys = new KeyPool(kms);
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  static Stream<Arguments> sizesAndAlgorithms() {
    List<Arguments> out = new ArrayList<>();
    for (KeySpec spec : RSA) {
      for (EncryptionAlgorithmSpec a : OAEP) {
        out.add(Arguments.of(spec, a));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("sizesAndAlgorithms")
  void encryptDecrypt_largestPlaintext_roundTrips(KeySpec spec, EncryptionAlgorithmSpec algorithm) {
    KeyMetadata key = rsa(spec);
    byte[] plaintext = randomBytes(AwsKeySpecs.maxPlaintext(spec, algorithm));

    EncryptResponse e = encrypt(key, algorithm, plaintext);
    assertEquals(key.arn(), e.keyId());
    assertEquals(algorithm, e.encryptionAlgorithm());
    byte[] ciphertext = e.ciphertextBlob().asByteArray();
    assertEquals(Integer.parseInt(spec.toString().substring(4)) / 8, ciphertext.length,
        "raw RSAES-OAEP output, as long as the modulus");
    assertFalse(java.util.Arrays.equals(ciphertext, encrypt(key, algorithm, plaintext).ciphertextBlob().asByteArray()),
        "OAEP is randomized");

    DecryptResponse d = decrypt(key.keyId(), algorithm, ciphertext);
    assertArrayEquals(plaintext, d.plaintext().asByteArray());
    assertEquals(key.arn(), d.keyId());
    assertEquals(algorithm, d.encryptionAlgorithm());
    assertNull(d.keyMaterialId(), "an RSA key has no key material id");
  }

  /** Recorded (test_encrypt_validate_plaintext_size_per_key_type), e.g. "... cannot encrypt data larger than 214 bytes." */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("sizesAndAlgorithms")
  void encrypt_onePastTheLimit_isTheRecordedValidationException(KeySpec spec, EncryptionAlgorithmSpec algorithm) {
    KeyMetadata key = rsa(spec);
    int max = AwsKeySpecs.maxPlaintext(spec, algorithm);
    SdkBytes over = SdkBytes.fromByteArray(randomBytes(max + 1));
    assertKmsError("ValidationException",
        "Algorithm " + algorithm + " and key spec " + spec + " cannot encrypt data larger than " + max + " bytes.",
        () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(over).encryptionAlgorithm(algorithm)));
  }

  /** Offline encryption (hybrid encryption by clients holding only the public key): JCA OAEP, Keywarden decrypts. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("sizesAndAlgorithms")
  void decrypt_ciphertextMadeOutsideKeywardenWithThePublicKey_decrypts(
      KeySpec spec, EncryptionAlgorithmSpec algorithm) {
    KeyMetadata key = rsa(spec);
    byte[] spki = kms.getPublicKey(r -> r.keyId(key.keyId())).publicKey().asByteArray();
    byte[] dataKey = randomBytes(32);

    byte[] ciphertext = IndependentCrypto.oaepEncrypt(spec, spki, algorithm, dataKey);

    DecryptResponse d = decrypt(key.arn(), algorithm, ciphertext);
    assertArrayEquals(dataKey, d.plaintext().asByteArray());
    assertEquals(algorithm, d.encryptionAlgorithm());
  }

  /** An RSA ciphertext names no key: without KeyId, Decrypt cannot find one (AWS documents it). */
  @Test
  void decrypt_rsaCiphertextWithoutKeyId_isInvalidCiphertextWithoutMessage() {
    KeyMetadata key = rsa(KeySpec.RSA_2048);
    SdkBytes blob = encrypt(key, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, "x".getBytes(StandardCharsets.UTF_8))
        .ciphertextBlob();
    for (EncryptionAlgorithmSpec a : List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256,
        EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)) {
      assertNoMessage(assertKmsErrorOf(a.toString(), InvalidCiphertextException.class, "InvalidCiphertextException",
          null, () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionAlgorithm(a))));
    }
  }

  @Test
  void decrypt_wrongHashAnotherKeyOrCorruptedCiphertext_isInvalidCiphertext() {
    KeyMetadata key = rsa(KeySpec.RSA_2048);
    KeyMetadata other = KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    byte[] blob = encrypt(key, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, "secret".getBytes(StandardCharsets.UTF_8))
        .ciphertextBlob().asByteArray();
    byte[] symmetricBlob = kms.encrypt(r -> r.keyId(symmetric.keyId())
        .plaintext(SdkBytes.fromUtf8String("symmetric"))).ciphertextBlob().asByteArray();

    Map<String, Object[]> cases = Map.of(
        "decrypted with OAEP SHA-1", new Object[] {key, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, blob},
        "decrypted with another RSA key", new Object[] {other, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, blob},
        "a flipped bit", new Object[] {key, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, IndependentCrypto.flipLastBit(blob)},
        "a symmetric blob given to the RSA key",
        new Object[] {key, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, symmetricBlob});
    cases.forEach((what, c) -> assertNoMessage(assertKmsErrorOf(what, InvalidCiphertextException.class,
        "InvalidCiphertextException", null,
        () -> decrypt(((KeyMetadata) c[0]).keyId(), (EncryptionAlgorithmSpec) c[1], (byte[]) c[2]))));
  }

  /** Recorded (test_re_encrypt[RSA_2048-RSAES_OAEP_SHA_256]): RSA to RSA, no key material ids. */
  @Test
  void reEncrypt_rsaToRsa_answersAsRecorded_andTheDestinationDecrypts() {
    KeyMetadata source = rsa(KeySpec.RSA_2048);
    KeyMetadata destination = KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
    byte[] message = "test message 123 !%$@ 1234567890".getBytes(StandardCharsets.UTF_8);
    SdkBytes blob = encrypt(source, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, message).ciphertextBlob();

    ReEncryptResponse r = kms.reEncrypt(x -> x.ciphertextBlob(blob)
        .sourceKeyId(source.keyId()).sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)
        .destinationKeyId(destination.keyId())
        .destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256));

    assertEquals(destination.arn(), r.keyId());
    assertEquals(source.arn(), r.sourceKeyId());
    assertEquals(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, r.sourceEncryptionAlgorithm());
    assertEquals(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, r.destinationEncryptionAlgorithm());
    assertNull(r.sourceKeyMaterialId());
    assertNull(r.destinationKeyMaterialId());
    assertArrayEquals(message,
        decrypt(destination.keyId(), EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, r.ciphertextBlob().asByteArray())
            .plaintext().asByteArray());
    assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
        () -> decrypt(source.keyId(), EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, r.ciphertextBlob().asByteArray()));
  }

  @Test
  void reEncrypt_rsaToSymmetricAndBack_keepsThePlaintext() {
    KeyMetadata rsa = rsa(KeySpec.RSA_3072);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    byte[] message = randomBytes(100);
    SdkBytes rsaBlob = encrypt(rsa, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, message).ciphertextBlob();

    ReEncryptResponse toSymmetric = kms.reEncrypt(x -> x.ciphertextBlob(rsaBlob)
        .sourceKeyId(rsa.arn()).sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)
        .destinationKeyId(symmetric.keyId()).destinationEncryptionContext(Map.of("purpose", "it")));
    assertEquals(symmetric.arn(), toSymmetric.keyId());
    assertEquals(rsa.arn(), toSymmetric.sourceKeyId());
    assertEquals(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, toSymmetric.sourceEncryptionAlgorithm());
    assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, toSymmetric.destinationEncryptionAlgorithm());
    assertNull(toSymmetric.sourceKeyMaterialId());
    assertEquals(symmetric.currentKeyMaterialId(), toSymmetric.destinationKeyMaterialId());
    // A symmetric blob names its key: Decrypt needs no KeyId.
    DecryptResponse d = kms.decrypt(x -> x.ciphertextBlob(toSymmetric.ciphertextBlob())
        .encryptionContext(Map.of("purpose", "it")));
    assertArrayEquals(message, d.plaintext().asByteArray());

    ReEncryptResponse back = kms.reEncrypt(x -> x.ciphertextBlob(toSymmetric.ciphertextBlob())
        .sourceEncryptionContext(Map.of("purpose", "it"))
        .destinationKeyId(rsa.keyId()).destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256));
    assertEquals(symmetric.arn(), back.sourceKeyId());
    assertEquals(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT, back.sourceEncryptionAlgorithm());
    assertEquals(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, back.destinationEncryptionAlgorithm());
    assertArrayEquals(message,
        decrypt(rsa.keyId(), EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, back.ciphertextBlob().asByteArray())
            .plaintext().asByteArray());
  }

  @Test
  void reEncrypt_fromRsaWithoutSourceKeyId_isInvalidCiphertext() {
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    SdkBytes blob = encrypt(rsa, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, "x".getBytes(StandardCharsets.UTF_8))
        .ciphertextBlob();
    assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
        () -> kms.reEncrypt(x -> x.ciphertextBlob(blob).sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)
            .destinationKeyId(symmetric.keyId())));
  }

  @Test
  void reEncrypt_toRsaPlaintextOverItsLimit_isTheRecordedValidationException() {
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    SdkBytes blob = kms.encrypt(r -> r.keyId(symmetric.keyId()).plaintext(SdkBytes.fromByteArray(randomBytes(191))))
        .ciphertextBlob();
    assertKmsError("ValidationException",
        "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.",
        () -> kms.reEncrypt(x -> x.ciphertextBlob(blob).destinationKeyId(rsa.keyId())
            .destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
  }

  @Test
  void encrypt_algorithmNotOfTheKeySpec_isInvalidKeyUsage() {
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    SdkBytes p = SdkBytes.fromUtf8String("p");
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(p)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(p).encryptionAlgorithm(EncryptionAlgorithmSpec.SM2_PKE)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.encrypt(r -> r.keyId(symmetric.keyId()).plaintext(p)
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
  }

  /** Recorded (test_error_messaging_for_invalid_keys, encrypt-invalid-key-id). */
  @Test
  void encrypt_rsaSigningKey_isInvalidKeyUsageNamingItsUsage() {
    KeyMetadata signing = keys.get(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(signing.arn(), "SIGN_VERIFY", "Encrypt"),
        () -> kms.encrypt(r -> r.keyId(signing.keyId()).plaintext(SdkBytes.fromUtf8String("some important message"))
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
  }

  @Test
  void encrypt_rsaWithEncryptionContext_isValidationException() {
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    assertKmsError(KmsException.class, "ValidationException", null,
        () -> kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(SdkBytes.fromUtf8String("p"))
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256).encryptionContext(Map.of("k", "v"))));
  }

  @Test
  void dataKeyOperations_rsaKey_areInvalidKeyUsage() {
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.generateDataKey(r -> r.keyId(rsa.keyId()).numberOfBytes(32)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.generateDataKeyWithoutPlaintext(r -> r.keyId(rsa.keyId()).numberOfBytes(32)));
  }

  @Test
  void encryptDecryptReEncrypt_rsaDryRun_isDryRunOperation() {
    KeyMetadata rsa = rsa(KeySpec.RSA_2048);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    EncryptionAlgorithmSpec a = EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256;
    SdkBytes blob = encrypt(rsa, a, "dry".getBytes(StandardCharsets.UTF_8)).ciphertextBlob();
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(SdkBytes.fromUtf8String("p")).encryptionAlgorithm(a)
            .dryRun(true)));
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.decrypt(r -> r.keyId(rsa.keyId()).ciphertextBlob(blob).encryptionAlgorithm(a).dryRun(true)));
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.reEncrypt(r -> r.ciphertextBlob(blob).sourceKeyId(rsa.keyId()).sourceEncryptionAlgorithm(a)
            .destinationKeyId(symmetric.keyId()).dryRun(true)));
  }

  // ------------------------------------------------------------------------------ helpers

  private static KeyMetadata rsa(KeySpec spec) {
    return keys.get(spec, KeyUsageType.ENCRYPT_DECRYPT);
  }

  private static EncryptResponse encrypt(KeyMetadata key, EncryptionAlgorithmSpec a, byte[] plaintext) {
    return kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(plaintext)).encryptionAlgorithm(a));
  }

  private static DecryptResponse decrypt(String keyId, EncryptionAlgorithmSpec a, byte[] ciphertext) {
    return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(ciphertext)).encryptionAlgorithm(a));
  }
}
