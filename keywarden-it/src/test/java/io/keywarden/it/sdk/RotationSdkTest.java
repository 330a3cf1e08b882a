package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.IncludeKeyMaterial;
import software.amazon.awssdk.services.kms.model.KeyMaterialState;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.LimitExceededException;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsResponse;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/**
 * EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand and
 * ListKeyRotations. Automatic rotation by the background job is in {@link BackgroundJobsSdkTest}.
 */
class RotationSdkTest {
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
  void enableKeyRotation_withoutPeriod_rotatesEvery365Days() {
    KeyMetadata key = newKey(kms);
    GetKeyRotationStatusResponse before = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
    assertFalse(before.keyRotationEnabled());
    assertNull(before.rotationPeriodInDays());
    assertNull(before.nextRotationDate());
    Instant now = Instant.now();

    kms.enableKeyRotation(r -> r.keyId(key.keyId()));

    GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(r -> r.keyId(key.arn()));
    assertTrue(status.keyRotationEnabled());
    assertEquals(key.arn(), status.keyId());
    assertEquals(365, status.rotationPeriodInDays());
    assertAbout(now.plus(Duration.ofDays(365)), status.nextRotationDate());
  }

  @Test
  void enableKeyRotation_periodOf90And2560Days_isAccepted() {
    KeyMetadata key = newKey(kms);
    for (int days : new int[] {90, 2560}) {
      Instant now = Instant.now();
      kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(days));
      GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
      assertEquals(days, status.rotationPeriodInDays());
      assertAbout(now.plus(Duration.ofDays(days)), status.nextRotationDate());
    }
  }

  @Test
  void enableKeyRotation_periodOutside90To2560Days_isValidationError() {
    KeyMetadata key = newKey(kms);

    assertKmsError("ValidationException",
        "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 90",
        () -> kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(89)));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint:"
            + " Member must have value less than or equal to 2560",
        () -> kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(2561)));
    assertFalse(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());
  }

  @Test
  void disableKeyRotation_turnsAutomaticRotationOff() {
    KeyMetadata key = newKey(kms);
    kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(180));

    kms.disableKeyRotation(r -> r.keyId(key.arn()));
    kms.disableKeyRotation(r -> r.keyId(key.keyId()));

    GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
    assertFalse(status.keyRotationEnabled());
    assertNull(status.nextRotationDate());
  }

  @Test
  void rotateKeyOnDemand_newCiphertextsUseNewMaterial_andEveryEarlierCiphertextStillDecrypts() {
    KeyMetadata key = newKey(kms);
    SdkBytes before = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("before"))).ciphertextBlob();

    assertEquals(key.arn(), kms.rotateKeyOnDemand(r -> r.keyId(key.keyId())).keyId());

    String current = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().currentKeyMaterialId();
    assertNotEquals(key.currentKeyMaterialId(), current);
    SdkBytes after = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("after"))).ciphertextBlob();
    assertEquals(key.currentKeyMaterialId(), kms.decrypt(r -> r.ciphertextBlob(before)).keyMaterialId());
    assertEquals("before", kms.decrypt(r -> r.ciphertextBlob(before)).plaintext().asUtf8String());
    assertEquals(current, kms.decrypt(r -> r.ciphertextBlob(after)).keyMaterialId());
    assertEquals("after", kms.decrypt(r -> r.ciphertextBlob(after)).plaintext().asUtf8String());
    var reEncrypted = kms.reEncrypt(r -> r.ciphertextBlob(before).destinationKeyId(key.keyId()));
    assertEquals(key.currentKeyMaterialId(), reEncrypted.sourceKeyMaterialId());
    assertEquals(current, reEncrypted.destinationKeyMaterialId());
    assertEquals(current, kms.decrypt(r -> r.ciphertextBlob(reEncrypted.ciphertextBlob())).keyMaterialId());
  }

  @Test
  void listKeyRotations_afterOnDemandRotations_listsThemOldestFirst() {
    KeyMetadata key = newKey(kms);
    assertTrue(kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().isEmpty());
    Instant start = Instant.now().minusSeconds(1);
    kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));
    kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));

    List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(key.arn())).rotations();

    assertEquals(2, rotations.size());
    String current = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().currentKeyMaterialId();
    for (RotationsListEntry e : rotations) {
      assertEquals(key.arn(), e.keyId());
      assertEquals(RotationType.ON_DEMAND, e.rotationType());
      assertTrue(!e.rotationDate().isBefore(start) && !e.rotationDate().isAfter(Instant.now()));
    }
    assertEquals(KeyMaterialState.NON_CURRENT, rotations.get(0).keyMaterialState());
    assertEquals(KeyMaterialState.CURRENT, rotations.get(1).keyMaterialState());
    assertEquals(current, rotations.get(1).keyMaterialId());

    List<RotationsListEntry> all =
        kms.listKeyRotations(r -> r.keyId(key.keyId()).includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL))
            .rotations();
    assertEquals(3, all.size());
    assertEquals(key.currentKeyMaterialId(), all.get(0).keyMaterialId(), "the original material first");
    assertNull(all.get(0).rotationType());
  }

  @Test
  void listKeyRotations_withLimit_pagesThroughEveryRotationOnce() {
    KeyMetadata key = newKey(kms);
    for (int i = 0; i < 5; i++) {
      kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));
    }

    List<String> ids = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListKeyRotationsResponse page = kms.listKeyRotations(r -> r.keyId(key.keyId()).limit(2).marker(m));
      assertTrue(page.rotations().size() <= 2);
      page.rotations().forEach(e -> ids.add(e.keyMaterialId()));
      marker = page.truncated() ? page.nextMarker() : null;
    } while (marker != null);

    assertEquals(5, ids.size());
    assertEquals(5, Set.copyOf(ids).size());
    assertEquals(ids, kms.listKeyRotationsPaginator(r -> r.keyId(key.keyId()).limit(3)).rotations().stream()
        .map(RotationsListEntry::keyMaterialId).toList());
  }

  /** AWS: on-demand rotation does not change the automatic rotation schedule. */
  @Test
  void rotateKeyOnDemand_leavesTheAutomaticScheduleAlone() {
    KeyMetadata key = newKey(kms);
    kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(100));
    GetKeyRotationStatusResponse before = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));

    kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));

    GetKeyRotationStatusResponse after = kms.getKeyRotationStatus(r -> r.keyId(key.keyId()));
    assertTrue(after.keyRotationEnabled());
    assertEquals(100, after.rotationPeriodInDays());
    assertEquals(before.nextRotationDate(), after.nextRotationDate());
  }

  /** Recorded: test_key_rotations_limits. */
  @Test
  void rotateKeyOnDemand_26thTime_isTheRecordedLimitExceeded_andAll26MaterialsStillDecrypt() {
    KeyMetadata key = newKey(kms);
    List<SdkBytes> blobs = new ArrayList<>();
    blobs.add(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("0"))).ciphertextBlob());
    for (int i = 1; i <= 25; i++) {
      kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));
      String text = Integer.toString(i);
      blobs.add(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8(text))).ciphertextBlob());
    }

    assertKmsError(LimitExceededException.class, "LimitExceededException",
        "The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations"
            + " can be performed for this key: " + key.arn(),
        () -> kms.rotateKeyOnDemand(r -> r.keyId(key.keyId())));
    Set<String> materials = new HashSet<>();
    for (int i = 0; i < blobs.size(); i++) {
      SdkBytes blob = blobs.get(i);
      var d = kms.decrypt(r -> r.ciphertextBlob(blob));
      assertEquals(Integer.toString(i), d.plaintext().asUtf8String());
      materials.add(d.keyMaterialId());
    }
    assertEquals(26, materials.size());
    assertEquals(25, kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().size());
    assertNotNull(kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("still usable"))).ciphertextBlob());
  }

  private static void assertAbout(Instant expected, Instant actual) {
    assertNotNull(actual);
    assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(10)) < 0,
        () -> "expected about " + expected + ", got " + actual);
  }
}
