package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.context;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.storage.Storage;
import io.keywarden.it.TestServer;
import io.keywarden.server.Installation;
import io.keywarden.server.ServerOptions;
import io.keywarden.services.identity.IssuedAccessKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * storage, real access keys (SigV4 verified against the issued secret), a server that starts sealed
 * until {@code POST /_keywarden/unseal}, and keys that survive a restart.
 */
class ProductionModeSdkTest {
  private static final String ACCOUNT = "123456789012";
  private static final String PASSPHRASE = "correct horse battery staple, production";

  @TempDir static Path dataDir;
  private static String accessKeyId;
  private static String secretAccessKey;

  @BeforeAll
  static void initialize() throws Exception {
    try (Storage storage = Installation.openStorage(dataDir)) {
      IssuedAccessKey issued = Installation.initialize(storage, PASSPHRASE.toCharArray(), ACCOUNT);
      accessKeyId = issued.accessKeyId();
      secretAccessKey = new String(issued.secretAccessKey());
      issued.destroy();
    }
  }

  @AfterAll
  static void forget() {
    secretAccessKey = null;
  }

  @Test
  void issuedAccessKey_createsAndUsesKeysInItsAccount() {
    try (TestServer server = unsealedServer();
        KmsClient kms = server.kms(accessKeyId, secretAccessKey)) {
      KeyMetadata key = kms.createKey(r -> r.description("production")).keyMetadata();

      assertEquals(ACCOUNT, key.awsAccountId());
      assertEquals("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + key.keyId(), key.arn());
      SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("prod"))).ciphertextBlob();
      assertEquals("prod", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
      assertFalse(server.keywarden().sealed());
    }
  }

  @Test
  void wrongSecretAccessKey_isInvalidSignature() {
    try (TestServer server = unsealedServer();
        KmsClient kms = AdminHttp.kmsWithoutRetries(server.endpoint(), accessKeyId, secretAccessKey + "x")) {
      assertKmsError("InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your AWS"
              + " Secret Access Key and signing method. Consult the service documentation for details.",
          () -> kms.listKeys(r -> {}));
    }
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    try (TestServer server = unsealedServer();
        KmsClient kms = AdminHttp.kmsWithoutRetries(server.endpoint(), "AKIAUNKNOWNUNKNOWN00", secretAccessKey)) {
      assertKmsError("UnrecognizedClientException", "The security token included in the request is invalid.",
          () -> kms.listKeys(r -> {}));
    }
  }

  /**
   * The restart of issue 2: a key and a ciphertext made in production mode on SQLite; the server stops;
   * a new one on the same directory starts sealed (every KMS call 503) until it is unsealed over HTTP;
   * then the old ciphertext decrypts.
   */
  @Test
  void restart_startsSealed_untilUnsealedOverHttp_thenOldCiphertextsDecrypt() {
    Map<String, String> ctx = context("app", "restart");
    String keyId;
    SdkBytes blob;
    try (TestServer first = unsealedServer();
        KmsClient kms = first.kms(accessKeyId, secretAccessKey)) {
      keyId = kms.createKey(r -> {}).keyMetadata().keyId();
      blob = kms.encrypt(r -> r.keyId(keyId).plaintext(utf8("survives restarts")).encryptionContext(ctx))
          .ciphertextBlob();
    }
    assertTrue(Files.exists(dataDir.resolve("keywarden.db")));

    try (TestServer second = TestServer.start(ServerOptions.production(dataDir, null));
        KmsClient kms = AdminHttp.kmsWithoutRetries(second.endpoint(), accessKeyId, secretAccessKey)) {
      assertTrue(second.keywarden().sealed());
      AdminHttp.Reply health = AdminHttp.get(second.endpoint(), "/_keywarden/health");
      assertEquals(200, health.status());
      assertTrue(health.body().contains("\"sealed\":true"), health.body());
      KmsException sealed = assertKmsError(KmsException.class, 503, "ServiceUnavailableException", null,
          () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(ctx)));
      assertTrue(sealed.awsErrorDetails().errorMessage().contains("sealed"), sealed.awsErrorDetails().errorMessage());
      assertKmsError(KmsException.class, 503, "ServiceUnavailableException", null, () -> kms.listKeys(r -> {}));

      AdminHttp.Reply wrong = AdminHttp.post(second.endpoint(), "/_keywarden/unseal", "{\"passphrase\":\"wrong\"}");
      assertEquals(400, wrong.status());
      assertTrue(wrong.body().contains("UnsealFailedException"), wrong.body());
      assertTrue(second.keywarden().sealed());

      AdminHttp.Reply unsealed =
          AdminHttp.post(second.endpoint(), "/_keywarden/unseal", "{\"passphrase\":\"" + PASSPHRASE + "\"}");
      assertEquals(200, unsealed.status(), unsealed.body());
      assertFalse(second.keywarden().sealed());
      assertEquals("survives restarts",
          kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(ctx)).plaintext().asUtf8String());
      assertEquals(keyId, kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyId());
      assertTrue(AdminHttp.get(second.endpoint(), "/_keywarden/health").body().contains("\"sealed\":false"));
    }
  }

  @Test
  void reset_inProductionMode_isRefused() {
    try (TestServer server = unsealedServer()) {
      AdminHttp.Reply r = AdminHttp.post(server.endpoint(), "/_keywarden/reset", "{}");
      assertEquals(403, r.status());
      assertTrue(r.body().contains("AccessDeniedException"), r.body());
    }
  }

  private static TestServer unsealedServer() {
    return TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
  }
}
