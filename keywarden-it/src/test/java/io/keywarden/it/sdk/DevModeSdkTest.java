package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.ACCOUNT;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.context;
import static io.keywarden.it.sdk.SdkAssertions.keyArn;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Dev mode as test suites use it: any credentials, {@code POST /_keywarden/reset} between tests, and
 * seed files (docs/seed-files.md) for keys with fixed ids and material, so that a ciphertext made by
 * one dev server decrypts in another started with the same seed.
 */
class DevModeSdkTest {
  private static final String SEEDED_ID = "0b0e3b5c-1d2f-4e5a-8b9c-0d1e2f3a4b5c";
  private static final String EU_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  /** Test-only material: bytes 0..31. */
  private static final String MATERIAL = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @TempDir Path dir;

  @Test
  void anyCredentials_areAcceptedAsTheDevAccount() {
    try (TestServer server = TestServer.dev();
        KmsClient a = server.kms("AKIAANYTHING", "whatever");
        KmsClient b = server.kms("AKIASOMETHINGELSE", "other")) {
      KeyMetadata key = a.createKey(r -> {}).keyMetadata();
      assertEquals(ACCOUNT, key.awsAccountId());
      assertEquals(key.keyId(), b.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyId());
      AdminHttp.Reply health = AdminHttp.get(server.endpoint(), "/_keywarden/health");
      assertEquals(200, health.status());
      assertTrue(health.body().contains("\"dev\":true") && health.body().contains("\"sealed\":false"), health.body());
    }
  }

  @Test
  void reset_wipesKeysAndAliases() {
    try (TestServer server = TestServer.dev();
        KmsClient kms = server.kms()) {
      KeyMetadata key = newKey(kms);
      kms.createAlias(r -> r.aliasName("alias/wiped").targetKeyId(key.keyId()));

      AdminHttp.Reply reset = AdminHttp.post(server.endpoint(), "/_keywarden/reset", "");
      assertEquals(200, reset.status(), reset.body());

      assertKmsError(NotFoundException.class, "NotFoundException", "Key '" + key.arn() + "' does not exist",
          () -> kms.describeKey(r -> r.keyId(key.keyId())));
      assertTrue(kms.listKeys(r -> {}).keys().isEmpty());
      assertTrue(kms.listAliases(r -> {}).aliases().stream().allMatch(a -> a.aliasName().startsWith("alias/aws/")));
      kms.createAlias(r -> r.aliasName("alias/wiped").targetKeyId(newKey(kms).keyId()));
    }
  }

  @Test
  void seedFile_givesKeysWithFixedIdsDescriptionsAliasesAndTags() throws IOException {
    Path seed = writeSeed();
    try (TestServer server = seededServer(seed);
        KmsClient kms = server.kms()) {
      KeyMetadata key = kms.describeKey(r -> r.keyId("alias/orders")).keyMetadata();

      assertEquals(SEEDED_ID, key.keyId());
      assertEquals(keyArn(SEEDED_ID), key.arn());
      assertEquals("orders key", key.description());
      assertEquals(List.of(Tag.builder().tagKey("team").tagValue("payments").build()),
          kms.listResourceTags(r -> r.keyId(SEEDED_ID)).tags());
      assertEquals(List.of("alias/orders", "alias/orders-v2"),
          kms.listAliases(r -> r.keyId(SEEDED_ID)).aliases().stream().map(AliasListEntry::aliasName).sorted().toList());
      assertKmsError(NotFoundException.class, "NotFoundException", null, () -> kms.describeKey(r -> r.keyId(EU_ID)));
      try (KmsClient eu = AdminHttp.kmsWithoutRetries(server.endpoint(), Region.EU_WEST_1, "AKIADEV", "dev")) {
        assertEquals("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + EU_ID,
            eu.describeKey(r -> r.keyId(EU_ID)).keyMetadata().arn());
      }
    }
  }

  @Test
  void seedFile_ciphertextFromOneDevServer_decryptsInAnotherWithTheSameSeed() throws IOException {
    Path seed = writeSeed();
    Map<String, String> ctx = context("fixture", "shared");
    SdkBytes blob;
    String materialId;
    try (TestServer first = seededServer(seed);
        KmsClient kms = first.kms()) {
      blob = kms.encrypt(r -> r.keyId("alias/orders").plaintext(utf8("portable fixture")).encryptionContext(ctx))
          .ciphertextBlob();
      materialId = kms.describeKey(r -> r.keyId(SEEDED_ID)).keyMetadata().currentKeyMaterialId();
    }

    try (TestServer second = seededServer(seed);
        KmsClient kms = second.kms()) {
      // The blob names its key material id (ADR 0002) and HKDF binds it: a seeded key must get the
      // same material id on every server started with the seed, or its ciphertexts cannot travel.
      assertEquals(materialId, kms.describeKey(r -> r.keyId(SEEDED_ID)).keyMetadata().currentKeyMaterialId(),
          "CurrentKeyMaterialId of the seeded key on a second server");
      assertEquals("portable fixture",
          kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(ctx)).plaintext().asUtf8String());
      assertEquals(keyArn(SEEDED_ID), kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(ctx)).keyId());
    }
  }

  @Test
  void reset_withASeedFile_bringsTheSeededKeysBackAndDropsTheRest() throws IOException {
    Path seed = writeSeed();
    try (TestServer server = seededServer(seed);
        KmsClient kms = server.kms()) {
      SdkBytes blob = kms.encrypt(r -> r.keyId(SEEDED_ID).plaintext(utf8("before reset"))).ciphertextBlob();
      String materialId = kms.describeKey(r -> r.keyId(SEEDED_ID)).keyMetadata().currentKeyMaterialId();
      KeyMetadata extra = newKey(kms);
      kms.updateKeyDescription(r -> r.keyId(SEEDED_ID).description("changed by a test"));

      assertEquals(200, AdminHttp.post(server.endpoint(), "/_keywarden/reset", "").status());

      KeyMetadata reseeded = kms.describeKey(r -> r.keyId("alias/orders")).keyMetadata();
      assertEquals("orders key", reseeded.description());
      assertEquals(materialId, reseeded.currentKeyMaterialId(), "CurrentKeyMaterialId of the seeded key after reset");
      assertEquals("before reset", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
      assertKmsError(NotFoundException.class, "NotFoundException", null,
          () -> kms.describeKey(r -> r.keyId(extra.keyId())));
      assertFalse(kms.listKeys(r -> {}).keys().stream().anyMatch(k -> k.keyId().equals(extra.keyId())));
    }
  }

  private TestServer seededServer(Path seed) {
    return TestServer.start(ServerOptions.devInMemory().withSeedFile(seed));
  }

  private Path writeSeed() throws IOException {
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(seed, String.join("\n",
        "region: us-east-1",
        "keys:",
        "  - keyId: " + SEEDED_ID,
        "    description: orders key",
        "    material: " + MATERIAL,
        "    aliases: [alias/orders, alias/orders-v2]",
        "    tags: {team: payments}",
        "  - keyId: " + EU_ID,
        "    region: eu-west-1",
        ""));
    return seed;
  }
}
