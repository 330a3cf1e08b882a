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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Production mode across a restart: SQLite keeps the keys, the new server starts sealed. */
class RestartSdkTest {
  private static final String PASSPHRASE = "another passphrase, for the restart";

  @TempDir Path dataDir;

  /**
   * The restart of issue 2: a key and a ciphertext made in production mode on SQLite; the server stops;
   * a new one on the same directory starts sealed (every KMS call 503) until it is unsealed over HTTP;
   * then the old ciphertext decrypts.
   */
  @Test
  void restart_startsSealed_untilUnsealedOverHttp_thenOldCiphertextsDecrypt() throws Exception {
    String accessKeyId;
    String secretAccessKey;
    try (Storage storage = Installation.openStorage(dataDir)) {
      IssuedAccessKey issued = Installation.initialize(storage, PASSPHRASE.toCharArray(), "111122223333");
      accessKeyId = issued.accessKeyId();
      secretAccessKey = new String(issued.secretAccessKey());
      issued.destroy();
    }
    Map<String, String> ctx = context("app", "restart");
    String keyId;
    SdkBytes blob;
    try (TestServer first = TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
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
}
