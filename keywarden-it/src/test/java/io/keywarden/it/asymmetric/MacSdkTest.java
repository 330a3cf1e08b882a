package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.KmsErrorAssertions.DRY_RUN;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.tooLong;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.usageNotValid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.VerifyMacResponse;

/**
 * GenerateMac and VerifyMac with each HMAC spec and AWS's recorded answers (test_generate_and_verify_mac,
 * test_invalid_generate_mac, test_invalid_verify_mac, test_error_messaging_for_invalid_keys). The key
 * never leaves Keywarden, so a MAC is checked by length, determinism and VerifyMac here; the seed-file
 * test compares it with a JCA HMAC under known material.
 */
class MacSdkTest {
  /** Recorded (test_invalid_generate_mac[HMAC_256-INVALID]), in AWS's order. */
  private static final String INVALID_MAC_ALGORITHM = "1 validation error detected: Value 'INVALID' at 'macAlgorithm'"
      + " failed to satisfy constraint: Member must satisfy enum value set:"
      + " [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]";
  private static final SdkBytes MESSAGE = SdkBytes.fromUtf8String("some important message");

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

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = KeySpec.class, names = {"HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"})
  void generateMac_eachSpec_isAsLongAsTheHash_deterministic_andVerifies(KeySpec spec) {
    KeyMetadata key = hmac(spec);
    MacAlgorithmSpec algorithm = AwsKeySpecs.macAlgorithm(spec);

    GenerateMacResponse g = generateMac(key, algorithm, MESSAGE);
    assertEquals(key.arn(), g.keyId());
    assertEquals(algorithm, g.macAlgorithm());
    byte[] mac = g.mac().asByteArray();
    assertEquals(AwsKeySpecs.macLength(spec), mac.length, "MAC length");
    assertArrayEquals(mac, generateMac(key, algorithm, MESSAGE).mac().asByteArray(), "deterministic");
    assertFalse(Arrays.equals(mac, generateMac(key, algorithm, SdkBytes.fromUtf8String("another message"))
        .mac().asByteArray()), "another message, another MAC");

    VerifyMacResponse v = kms.verifyMac(r -> r.keyId(key.keyId()).message(MESSAGE).mac(SdkBytes.fromByteArray(mac))
        .macAlgorithm(algorithm));
    assertTrue(v.macValid());
    assertEquals(key.arn(), v.keyId());
    assertEquals(algorithm, v.macAlgorithm());
  }

  /** Recorded (test_invalid_verify_mac[...-some different important message]): KMSInvalidMacException, no message. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = KeySpec.class, names = {"HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"})
  void verifyMac_wrongMac_isKmsInvalidMacWithoutMessage(KeySpec spec) {
    KeyMetadata key = hmac(spec);
    MacAlgorithmSpec algorithm = AwsKeySpecs.macAlgorithm(spec);
    byte[] mac = generateMac(key, algorithm, MESSAGE).mac().asByteArray();

    Map<String, byte[][]> wrong = Map.of(
        "a flipped bit", new byte[][] {MESSAGE.asByteArray(), IndependentCrypto.flipLastBit(mac)},
        "truncated", new byte[][] {MESSAGE.asByteArray(), Arrays.copyOf(mac, mac.length - 1)},
        "another message", new byte[][] {"some different important message".getBytes(java.nio.charset.StandardCharsets.UTF_8), mac},
        "one byte", new byte[][] {MESSAGE.asByteArray(), new byte[1]});
    wrong.forEach((what, c) -> assertNoMessage(assertKmsErrorOf(spec + ", " + what, KmsInvalidMacException.class,
        "KMSInvalidMacException", null, () -> kms.verifyMac(r -> r.keyId(key.keyId())
            .message(SdkBytes.fromByteArray(c[0])).mac(SdkBytes.fromByteArray(c[1])).macAlgorithm(algorithm)))));
  }

  @Test
  void generateMac_twoKeysOfTheSameSpec_differ_andOnesMacDoesNotVerifyWithTheOther() {
    KeyMetadata a = hmac(KeySpec.HMAC_256);
    KeyMetadata b = KeyPool.create(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    SdkBytes macA = generateMac(a, MacAlgorithmSpec.HMAC_SHA_256, MESSAGE).mac();
    assertFalse(Arrays.equals(macA.asByteArray(),
        generateMac(b, MacAlgorithmSpec.HMAC_SHA_256, MESSAGE).mac().asByteArray()));
    assertKmsError(KmsInvalidMacException.class, "KMSInvalidMacException", null,
        () -> kms.verifyMac(r -> r.keyId(b.keyId()).message(MESSAGE).mac(macA).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
  }

  /** Recorded: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224." (GenerateMac, VerifyMac). */
  @Test
  void generateAndVerifyMac_algorithmOfAnotherSpec_isTheRecordedInvalidKeyUsage() {
    for (KeySpec spec : List.of(KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384, KeySpec.HMAC_512)) {
      KeyMetadata key = hmac(spec);
      SdkBytes mac = generateMac(key, AwsKeySpecs.macAlgorithm(spec), MESSAGE).mac();
      for (MacAlgorithmSpec a : MacAlgorithmSpec.knownValues()) {
        if (a == AwsKeySpecs.macAlgorithm(spec)) {
          continue;
        }
        String expected = "Algorithm " + a + " is incompatible with key spec " + spec + ".";
        assertKmsErrorOf("GenerateMac " + spec + " " + a, InvalidKeyUsageException.class, "InvalidKeyUsageException",
            expected, () -> generateMac(key, a, MESSAGE));
        assertKmsErrorOf("VerifyMac " + spec + " " + a, InvalidKeyUsageException.class, "InvalidKeyUsageException",
            expected, () -> kms.verifyMac(r -> r.keyId(key.keyId()).message(MESSAGE).mac(mac).macAlgorithm(a)));
      }
    }
  }

  /** Recorded (test_invalid_generate_mac[HMAC_256-INVALID], test_invalid_verify_mac[HMAC_256-INVALID-...]). */
  @Test
  void generateAndVerifyMac_unknownAlgorithm_isTheRecordedValidationException() {
    KeyMetadata key = hmac(KeySpec.HMAC_256);
    SdkBytes mac = generateMac(key, MacAlgorithmSpec.HMAC_SHA_256, MESSAGE).mac();
    assertKmsError("ValidationException", INVALID_MAC_ALGORITHM,
        () -> kms.generateMac(r -> r.keyId(key.keyId()).message(MESSAGE).macAlgorithm("INVALID")));
    assertKmsError("ValidationException", INVALID_MAC_ALGORITHM,
        () -> kms.verifyMac(r -> r.keyId(key.keyId()).message(MESSAGE).mac(mac).macAlgorithm("INVALID")));
  }

  /** Recorded (test_generate_and_verify_mac): "Invalid keyId 'key_id'". */
  @Test
  void generateAndVerifyMac_invalidKeyId_isTheRecordedNotFound() {
    assertKmsError(NotFoundException.class, "NotFoundException", "Invalid keyId 'key_id'",
        () -> kms.generateMac(r -> r.keyId("key_id").message(MESSAGE).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
    assertKmsError(NotFoundException.class, "NotFoundException", "Invalid keyId 'key_id'",
        () -> kms.verifyMac(r -> r.keyId("key_id").message(MESSAGE).mac(SdkBytes.fromByteArray(new byte[32]))
            .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
  }

  /** Recorded (test_error_messaging_for_invalid_keys): the usage error names the key and its usage. */
  @Test
  void macOperations_keyOfAnotherUsage_andOtherOperationsOnAnHmacKey_areInvalidKeyUsage() {
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    KeyMetadata signing = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    KeyMetadata hmac = hmac(KeySpec.HMAC_256);
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(symmetric.arn(), "ENCRYPT_DECRYPT", "GenerateMac"),
        () -> generateMac(symmetric, MacAlgorithmSpec.HMAC_SHA_256, MESSAGE));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(signing.arn(), "SIGN_VERIFY", "VerifyMac"),
        () -> kms.verifyMac(r -> r.keyId(signing.keyId()).message(MESSAGE).mac(SdkBytes.fromByteArray(new byte[32]))
            .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(hmac.arn(), "GENERATE_VERIFY_MAC", "Sign"),
        () -> kms.sign(r -> r.keyId(hmac.keyId()).message(MESSAGE)
            .signingAlgorithm(software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec.ECDSA_SHA_256)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(hmac.arn(), "GENERATE_VERIFY_MAC", "Encrypt"),
        () -> kms.encrypt(r -> r.keyId(hmac.keyId()).plaintext(MESSAGE)));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.generateDataKey(r -> r.keyId(hmac.keyId()).numberOfBytes(32)));
  }

  @Test
  void generateMac_messageOverTheModelsLimit_isValidationException() {
    KeyMetadata key = hmac(KeySpec.HMAC_512);
    SdkBytes max = SdkBytes.fromByteArray(IndependentCrypto.randomBytes(4096));
    assertEquals(64, generateMac(key, MacAlgorithmSpec.HMAC_SHA_512, max).mac().asByteArray().length);
    SdkBytes over = SdkBytes.fromByteArray(IndependentCrypto.randomBytes(4097));
    assertKmsError(KmsException.class, "ValidationException", tooLong("message", 4096),
        () -> generateMac(key, MacAlgorithmSpec.HMAC_SHA_512, over));
  }

  @Test
  void generateAndVerifyMac_dryRun_isDryRunOperation() {
    KeyMetadata key = hmac(KeySpec.HMAC_384);
    SdkBytes mac = generateMac(key, MacAlgorithmSpec.HMAC_SHA_384, MESSAGE).mac();
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.generateMac(r -> r.keyId(key.keyId()).message(MESSAGE).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_384)
            .dryRun(true)));
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.verifyMac(r -> r.keyId(key.keyId()).message(MESSAGE).mac(mac).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_384)
            .dryRun(true)));
  }

  // ------------------------------------------------------------------------------ helpers

  private static KeyMetadata hmac(KeySpec spec) {
    return keys.get(spec, KeyUsageType.GENERATE_VERIFY_MAC);
  }

  private static GenerateMacResponse generateMac(KeyMetadata key, MacAlgorithmSpec a, SdkBytes message) {
    return kms.generateMac(r -> r.keyId(key.keyId()).message(message).macAlgorithm(a));
  }
}
