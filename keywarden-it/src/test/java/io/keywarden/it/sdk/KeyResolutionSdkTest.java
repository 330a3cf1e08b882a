package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.ACCOUNT;
import static io.keywarden.it.sdk.SdkAssertions.aliasArn;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.keyArn;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * How a request's KeyId is resolved, with the NotFoundException messages recorded from AWS
 * (test_get_key_does_not_exist, test_get_key_invalid_uuid, test_get_key_in_different_region), and
 * operations of the model that Keywarden does not implement.
 */
class KeyResolutionSdkTest {
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
  void describeKey_unknownKeyIdOrKeyArn_isNotFoundNamingTheKeyArn() {
    String id = UUID.randomUUID().toString();
    String mrk = "mrk-" + UUID.randomUUID().toString().replace("-", "");

    assertNotFound("Key '" + keyArn(id) + "' does not exist", () -> kms.describeKey(r -> r.keyId(id)));
    assertNotFound("Key '" + keyArn(id) + "' does not exist", () -> kms.describeKey(r -> r.keyId(keyArn(id))));
    assertNotFound("Key '" + keyArn(mrk) + "' does not exist", () -> kms.describeKey(r -> r.keyId(mrk)));
  }

  @Test
  void describeKey_malformedKeyId_isNotFoundInvalidKeyId() {
    for (String id : List.of("fake-key-id", "134f2428cec14b25a1ae9048164dba47", "mrk-fake-key-id")) {
      assertNotFound("Invalid keyId '" + id + "'", () -> kms.describeKey(r -> r.keyId(id)));
    }
  }

  @Test
  void describeKey_unknownAliasNameOrAliasArn_isNotFoundNamingTheAliasArn() {
    String message = "Alias " + aliasArn("alias/no-such-alias") + " is not found.";

    assertNotFound(message, () -> kms.describeKey(r -> r.keyId("alias/no-such-alias")));
    assertNotFound(message, () -> kms.describeKey(r -> r.keyId(aliasArn("alias/no-such-alias"))));
    assertNotFound(message, () -> kms.encrypt(r -> r.keyId("alias/no-such-alias").plaintext(utf8("x"))));
  }

  @Test
  void dataPlane_unknownKeyId_isNotFoundNamingTheKeyArn() {
    String id = UUID.randomUUID().toString();
    String message = "Key '" + keyArn(id) + "' does not exist";

    assertNotFound(message, () -> kms.encrypt(r -> r.keyId(id).plaintext(utf8("x"))));
    assertNotFound(message, () -> kms.generateDataKey(r -> r.keyId(id).numberOfBytes(32)));
    assertNotFound(message, () -> kms.rotateKeyOnDemand(r -> r.keyId(id)));
  }

  /** Recorded: describe-key-diff-region-with-arn. */
  @Test
  void keyArnOfAnotherRegion_isNotFoundInvalidArnRegion() {
    KeyMetadata key = newKey(kms);
    String inEuWest1 = key.arn().replace(":us-east-1:", ":eu-west-1:");

    assertNotFound("Invalid arn eu-west-1", () -> kms.describeKey(r -> r.keyId(inEuWest1)));
    assertNotFound("Invalid arn eu-west-1", () -> kms.encrypt(r -> r.keyId(inEuWest1).plaintext(utf8("x"))));
    try (KmsClient euWest1 = client(Region.EU_WEST_1)) {
      assertNotFound("Invalid arn us-east-1", () -> euWest1.describeKey(r -> r.keyId(key.arn())));
    }
  }

  /** Recorded: describe-key-diff-region-with-id. Keys live in one region. */
  @Test
  void keyIdOfAnotherRegion_isNotFoundNamingTheCallersRegion() {
    KeyMetadata key = newKey(kms);
    try (KmsClient euWest1 = client(Region.EU_WEST_1)) {
      assertNotFound(
          "Key 'arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + key.keyId() + "' does not exist",
          () -> euWest1.describeKey(r -> r.keyId(key.keyId())));
      KeyMetadata own = euWest1.createKey(r -> {}).keyMetadata();
      assertEquals("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + own.keyId(), own.arn());
      assertNotFound(
          "Key '" + keyArn(own.keyId()) + "' does not exist",
          () -> kms.describeKey(r -> r.keyId(own.keyId())));
      List<String> listedInEuWest1 =
          euWest1.listKeysPaginator(r -> {}).keys().stream().map(k -> k.keyId()).toList();
      assertEquals(List.of(own.keyId()), listedInEuWest1);
    }
  }

  @Test
  void operationsOfTheModelNotImplemented_areUnsupportedOperation() {
    KeyMetadata key = newKey(kms);
    List<Executable> calls =
        List.of(
            () -> kms.getParametersForImport(r -> r.keyId(key.keyId())
                .wrappingAlgorithm("RSAES_OAEP_SHA_256").wrappingKeySpec("RSA_2048")),
            () -> kms.replicateKey(r -> r.keyId(key.keyId()).replicaRegion("eu-west-1")));
    for (Executable call : calls) {
      assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null, call);
    }
  }

  private static void assertNotFound(String message, Executable call) {
    assertKmsError(NotFoundException.class, "NotFoundException", message, call);
  }

  private static KmsClient client(Region region) {
    return AdminHttp.kmsWithoutRetries(server.endpoint(), region, "AKIADEVTEST", "dev-secret");
  }
}
