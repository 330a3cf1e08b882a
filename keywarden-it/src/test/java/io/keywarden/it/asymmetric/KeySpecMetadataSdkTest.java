package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.it.TestServer;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jcajce.interfaces.MLDSAPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * CreateKey for every KeySpec × KeyUsage pair, the KeyMetadata of the keys it creates, and GetPublicKey
 * for every asymmetric one: the SubjectPublicKeyInfo is decoded here with the JDK (Bouncy Castle for
 * secp256k1 and ML-DSA) and its algorithm identifiers compared with the standards'.
 */
class KeySpecMetadataSdkTest {
  /** Recorded (test_hmac_create_key_invalid_operations). */
  private static final String KEY_USAGE_REQUIRED =
      "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.";

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

  /** Every pair AWS allows, but SM2 (AWS China Regions only). */
  static Stream<Arguments> allowedPairs() {
    List<Arguments> out = new ArrayList<>();
    for (KeySpec spec : AwsKeySpecs.specs()) {
      for (KeyUsageType usage : AwsKeySpecs.usages(spec)) {
        if (spec != KeySpec.SM2) {
          out.add(Arguments.of(spec, usage));
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> asymmetricPairs() {
    return allowedPairs().filter(a -> AwsKeySpecs.isAsymmetric((KeySpec) a.get()[0]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("allowedPairs")
  void createKey_allowedSpecAndUsage_answersCompleteKeyMetadata(KeySpec spec, KeyUsageType usage) {
    KeyMetadata created = keys.get(spec, usage);
    assertMetadata(spec, usage, created);
    assertMetadata(spec, usage, kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata());
  }

  @Test
  void createKey_everyRefusedSpecAndUsage_isValidationExceptionNamingBoth() {
    int refused = 0;
    for (KeySpec spec : AwsKeySpecs.specs()) {
      for (KeyUsageType usage : AwsKeySpecs.allUsages()) {
        if (AwsKeySpecs.usages(spec).contains(usage)) {
          continue;
        }
        refused++;
        // Recorded (test_derive_shared_secret): "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048".
        assertKmsErrorOf(spec + " " + usage, software.amazon.awssdk.services.kms.model.KmsException.class,
            "ValidationException", "KeyUsage " + usage + " is not compatible with KeySpec " + spec,
            () -> kms.createKey(r -> r.keySpec(spec).keyUsage(usage)));
      }
    }
    assertEquals(17 * 4 - 25, refused, "pairs refused (17 specs, 4 usages, 25 allowed)");
  }

  @Test
  void createKey_nonSymmetricSpecWithoutKeyUsage_isTheRecordedValidationException() {
    for (KeySpec spec : List.of(KeySpec.HMAC_256, KeySpec.RSA_2048, KeySpec.ECC_NIST_P256, KeySpec.ML_DSA_44)) {
      assertKmsErrorOf(spec.toString(), software.amazon.awssdk.services.kms.model.KmsException.class,
          "ValidationException", KEY_USAGE_REQUIRED, () -> kms.createKey(r -> r.keySpec(spec)));
    }
  }

  @Test
  void createKey_sm2WithAnyOfItsUsages_isUnsupportedOperation() {
    for (KeyUsageType usage : AwsKeySpecs.usages(KeySpec.SM2)) {
      assertKmsErrorOf("SM2 " + usage, UnsupportedOperationException.class, "UnsupportedOperationException", null,
          () -> kms.createKey(r -> r.keySpec(KeySpec.SM2).keyUsage(usage)));
    }
  }

  /**
   * AWS lists an RSA signing key's algorithms PKCS#1 v1.5 first, then PSS (the model's DescribeKey
   * example for an RSA_2048 SIGN_VERIFY key). A client that compares lists (a snapshot test, a
   * Terraform plan) sees the order.
   */
  @Test
  void describeKey_rsaSigningKey_listsSigningAlgorithmsInAwsOrder() {
    KeyMetadata key = keys.get(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
    assertEquals(AwsKeySpecs.signingAlgorithms(KeySpec.RSA_2048),
        kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().signingAlgorithms());
    assertEquals(AwsKeySpecs.signingAlgorithms(KeySpec.RSA_2048),
        kms.getPublicKey(r -> r.keyId(key.keyId())).signingAlgorithms());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("asymmetricPairs")
  void getPublicKey_asymmetricKey_answersSpkiDerWithSpecUsageAndAlgorithms(KeySpec spec, KeyUsageType usage) {
    KeyMetadata key = keys.get(spec, usage);
    GetPublicKeyResponse r = kms.getPublicKey(g -> g.keyId(key.keyId()));

    assertEquals(key.arn(), r.keyId());
    assertEquals(spec, r.keySpec());
    assertEquals(spec.toString(), legacySpec(r));
    assertEquals(usage, r.keyUsage());
    assertAlgorithmLists(spec, usage, r);

    byte[] spki = r.publicKey().asByteArray();
    String[] alg = IndependentCrypto.spkiAlgorithm(spki);
    assertArrayEquals(IndependentCrypto.expectedSpkiAlgorithm(spec), alg, "SPKI algorithm and parameters");
    PublicKey pub = IndependentCrypto.publicKey(spec, spki);
    assertArrayEquals(spki, pub.getEncoded(), "the SPKI is DER (re-encoding gives the same bytes)");
    if (AwsKeySpecs.isRsa(spec)) {
      RSAPublicKey rsa = (RSAPublicKey) pub;
      assertEquals(Integer.parseInt(spec.toString().substring(4)), rsa.getModulus().bitLength(), "modulus bits");
      assertEquals(BigInteger.valueOf(65537), rsa.getPublicExponent());
    } else if (pub instanceof ECPublicKey ec) {
      int bits = spec == KeySpec.ECC_NIST_P384 ? 384 : spec == KeySpec.ECC_NIST_P521 ? 521 : 256;
      assertEquals(bits, ec.getParams().getCurve().getField().getFieldSize(), "field size");
    } else if (spec.toString().startsWith("ML_DSA_")) {
      assertEquals(spec.toString().replace('_', '-'), ((MLDSAPublicKey) pub).getParameterSpec().getName());
    } else {
      assertEquals(32, IndependentCrypto.rawPublicKey(spki).length, "Ed25519 public key length");
    }
  }

  @Test
  void getPublicKey_byAliasNameAliasArnAndKeyArn_answersTheSameKey() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_P384, KeyUsageType.SIGN_VERIFY);
    String alias = "alias/asym-pub-" + System.nanoTime();
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
    String aliasArn = key.arn().substring(0, key.arn().indexOf(":key/")) + ":" + alias;
    byte[] first = kms.getPublicKey(r -> r.keyId(key.keyId())).publicKey().asByteArray();
    for (String id : List.of(alias, aliasArn, key.arn())) {
      GetPublicKeyResponse r = kms.getPublicKey(g -> g.keyId(id));
      assertArrayEquals(first, r.publicKey().asByteArray(), id);
      assertEquals(key.arn(), r.keyId(), id);
    }
  }

  @Test
  void getPublicKey_symmetricOrHmacKey_isUnsupportedOperation() {
    for (KeyMetadata key : List.of(keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT),
        keys.get(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC))) {
      assertKmsErrorOf(key.keySpec().toString(), UnsupportedOperationException.class,
          "UnsupportedOperationException", null, () -> kms.getPublicKey(r -> r.keyId(key.keyId())));
    }
  }

  @Test
  void getPublicKey_unknownKey_isNotFound() {
    String id = "11111111-2222-3333-4444-555555555555";
    assertKmsError(software.amazon.awssdk.services.kms.model.NotFoundException.class, "NotFoundException",
        "Key 'arn:aws:kms:us-east-1:" + TestServer.DEV_ACCOUNT + ":key/" + id + "' does not exist",
        () -> kms.getPublicKey(r -> r.keyId(id)));
  }

  // ------------------------------------------------------------------------------------------

  private static void assertMetadata(KeySpec spec, KeyUsageType usage, KeyMetadata m) {
    assertAll(spec + " " + usage,
        () -> assertEquals(TestServer.DEV_ACCOUNT, m.awsAccountId()),
        () -> assertNotNull(m.keyId()),
        () -> assertEquals("arn:aws:kms:us-east-1:" + TestServer.DEV_ACCOUNT + ":key/" + m.keyId(), m.arn()),
        () -> assertNotNull(m.creationDate()),
        () -> assertEquals(Boolean.TRUE, m.enabled()),
        () -> assertEquals(KeyState.ENABLED, m.keyState()),
        () -> assertEquals("asymmetric it " + spec + " " + usage, m.description()),
        () -> assertEquals(usage, m.keyUsage()),
        () -> assertEquals(spec, m.keySpec()),
        () -> assertEquals(spec.toString(), legacySpec(m)),
        () -> assertEquals(OriginType.AWS_KMS, m.origin()),
        () -> assertEquals(KeyManagerType.CUSTOMER, m.keyManager()),
        () -> assertEquals(Boolean.FALSE, m.multiRegion()),
        () -> assertNull(m.deletionDate()),
        // Recorded: CurrentKeyMaterialId for symmetric encryption keys only (test_create_key vs
        // test_hmac_create_key, test_import_key_asymmetric).
        () -> assertEquals(spec == KeySpec.SYMMETRIC_DEFAULT, m.currentKeyMaterialId() != null,
            "CurrentKeyMaterialId present"),
        () -> assertAlgorithmLists(spec, usage, m));
  }

  /** Exactly the usage's list is present (recorded: an HMAC key has MacAlgorithms only). */
  private static void assertAlgorithmLists(KeySpec spec, KeyUsageType usage, Object response) {
    boolean enc;
    boolean sig;
    boolean mac;
    boolean agree;
    List<?> encList;
    List<?> sigList;
    List<?> macList;
    List<?> agreeList;
    if (response instanceof KeyMetadata m) {
      enc = m.hasEncryptionAlgorithms();
      sig = m.hasSigningAlgorithms();
      mac = m.hasMacAlgorithms();
      agree = m.hasKeyAgreementAlgorithms();
      encList = m.encryptionAlgorithms();
      sigList = m.signingAlgorithms();
      macList = m.macAlgorithms();
      agreeList = m.keyAgreementAlgorithms();
    } else {
      GetPublicKeyResponse g = (GetPublicKeyResponse) response;
      enc = g.hasEncryptionAlgorithms();
      sig = g.hasSigningAlgorithms();
      mac = false;
      agree = g.hasKeyAgreementAlgorithms();
      encList = g.encryptionAlgorithms();
      sigList = g.signingAlgorithms();
      macList = List.of();
      agreeList = g.keyAgreementAlgorithms();
    }
    assertEquals(usage == KeyUsageType.ENCRYPT_DECRYPT, enc, "EncryptionAlgorithms present");
    assertEquals(usage == KeyUsageType.SIGN_VERIFY, sig, "SigningAlgorithms present");
    assertEquals(usage == KeyUsageType.GENERATE_VERIFY_MAC, mac, "MacAlgorithms present");
    assertEquals(usage == KeyUsageType.KEY_AGREEMENT, agree, "KeyAgreementAlgorithms present");
    switch (usage) {
      case ENCRYPT_DECRYPT:
        assertEquals(AwsKeySpecs.encryptionAlgorithms(spec), encList);
        break;
      case SIGN_VERIFY:
        // Compared as sets here; the order has its own test.
        assertEquals(new HashSet<>(AwsKeySpecs.signingAlgorithms(spec)), new HashSet<>(sigList));
        assertEquals(AwsKeySpecs.signingAlgorithms(spec).size(), sigList.size());
        break;
      case GENERATE_VERIFY_MAC:
        assertEquals(List.of(AwsKeySpecs.macAlgorithm(spec)), macList);
        break;
      case KEY_AGREEMENT:
        assertEquals(List.of(KeyAgreementAlgorithmSpec.ECDH), agreeList);
        break;
      default:
        throw new IllegalArgumentException(usage.toString());
    }
  }

  /** CustomerMasterKeySpec, deprecated but still sent by AWS with the KeySpec's value (recorded). */
  @SuppressWarnings("deprecation")
  private static String legacySpec(Object response) {
    return response instanceof KeyMetadata m
        ? m.customerMasterKeySpecAsString()
        : ((GetPublicKeyResponse) response).customerMasterKeySpecAsString();
  }
}
