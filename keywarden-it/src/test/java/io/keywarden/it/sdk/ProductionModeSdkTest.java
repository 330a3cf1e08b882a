package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.storage.Storage;
import io.keywarden.it.TestServer;
import io.keywarden.server.Installation;
import io.keywarden.server.ServerOptions;
import io.keywarden.services.identity.IssuedAccessKey;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Production mode through the SDK: a data directory initialised and sealed with a passphrase, SQLite
 * storage, real access keys (SigV4 verified against the issued secret) of two accounts. The sealed
 * start and the restart are in {@link RestartSdkTest}.
 */
class ProductionModeSdkTest {
  private static final String ACCOUNT = "123456789012";
  private static final String OTHER_ACCOUNT = "210987654321";
  private static final String PASSPHRASE = "correct horse battery staple, production";

  @TempDir static Path dataDir;
  /** Started unsealed (the passphrase given at start), shared by the tests. */
  private static TestServer server;
  private static String accessKeyId;
  private static String secretAccessKey;
  private static String otherAccessKeyId;
  private static String otherSecretAccessKey;

  @BeforeAll
  static void initialize() throws Exception {
    try (Storage storage = Installation.openStorage(dataDir)) {
      IssuedAccessKey issued = Installation.initialize(storage, PASSPHRASE.toCharArray(), ACCOUNT);
      accessKeyId = issued.accessKeyId();
      secretAccessKey = new String(issued.secretAccessKey());
      issued.destroy();
      IssuedAccessKey other = Installation.issueAccessKey(storage, PASSPHRASE.toCharArray(), OTHER_ACCOUNT);
      otherAccessKeyId = other.accessKeyId();
      otherSecretAccessKey = new String(other.secretAccessKey());
      other.destroy();
    }
    server = TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
  }

  @AfterAll
  static void stop() {
    server.close();
    secretAccessKey = null;
    otherSecretAccessKey = null;
  }

  @Test
  void issuedAccessKey_createsAndUsesKeysInItsAccount() {
    try (KmsClient kms = server.kms(accessKeyId, secretAccessKey)) {
      KeyMetadata key = kms.createKey(r -> r.description("production")).keyMetadata();

      assertEquals(ACCOUNT, key.awsAccountId());
      assertEquals("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + key.keyId(), key.arn());
      SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("prod"))).ciphertextBlob();
      assertEquals("prod", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
      assertFalse(server.keywarden().sealed());
    }
  }

  /** Until key policies are evaluated, another account's keys follow their default policy: no access. */
  @Test
  void anotherAccount_cannotListDescribeOrUseTheFirstAccountsKeys() {
    try (KmsClient first = server.kms(accessKeyId, secretAccessKey);
        KmsClient other = AdminHttp.kmsWithoutRetries(server.endpoint(), otherAccessKeyId, otherSecretAccessKey)) {
      KeyMetadata key = first.createKey(r -> {}).keyMetadata();
      SdkBytes blob = first.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("mine"))).ciphertextBlob();

      KeyMetadata own = other.createKey(r -> {}).keyMetadata();
      assertEquals(OTHER_ACCOUNT, own.awsAccountId());
      assertFalse(other.listKeysPaginator(r -> {}).keys().stream().anyMatch(k -> k.keyId().equals(key.keyId())));
      assertKmsError(software.amazon.awssdk.services.kms.model.NotFoundException.class, "NotFoundException",
          "Key 'arn:aws:kms:us-east-1:" + OTHER_ACCOUNT + ":key/" + key.keyId() + "' does not exist",
          () -> other.describeKey(r -> r.keyId(key.keyId())));
      assertKmsError("AccessDeniedException", null, () -> other.describeKey(r -> r.keyId(key.arn())));
      assertKmsError("AccessDeniedException", null,
          () -> other.encrypt(r -> r.keyId(key.arn()).plaintext(utf8("theirs"))));
      assertKmsError("AccessDeniedException", null, () -> other.decrypt(r -> r.ciphertextBlob(blob)));
    }
  }

  @Test
  void wrongSecretAccessKey_isInvalidSignature() {
    try (KmsClient kms = AdminHttp.kmsWithoutRetries(server.endpoint(), accessKeyId, secretAccessKey + "x")) {
      assertKmsError("InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your AWS"
              + " Secret Access Key and signing method. Consult the service documentation for details.",
          () -> kms.listKeys(r -> {}));
    }
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    try (KmsClient kms = AdminHttp.kmsWithoutRetries(server.endpoint(), "AKIAUNKNOWNUNKNOWN00", secretAccessKey)) {
      assertKmsError("UnrecognizedClientException", "The security token included in the request is invalid.",
          () -> kms.listKeys(r -> {}));
    }
  }

  @Test
  void reset_inProductionMode_isRefused() {
    AdminHttp.Reply r = AdminHttp.post(server.endpoint(), "/_keywarden/reset", "{}");

    assertEquals(403, r.status());
    assertTrue(r.body().contains("AccessDeniedException"), r.body());
    try (KmsClient kms = server.kms(accessKeyId, secretAccessKey)) {
      kms.createKey(b -> {});
      AdminHttp.post(server.endpoint(), "/_keywarden/reset", "{}");
      assertFalse(kms.listKeys(b -> {}).keys().isEmpty(), "nothing wiped");
    }
  }
}
