package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.aliasArn;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.uniqueAlias;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/**
 * The work KMS does on its own, seen through the SDK: deleting keys whose deletion window has ended and
 * rotating keys whose automatic rotation is due. The tests move the server's clock forward (never
 * back), so each one measures from the time it starts.
 */
class BackgroundJobsSdkTest {
  private static TestServer server;
  private static KmsClient kms;
  /** How far the server's clock is ahead of real time. */
  private static Duration advanced = Duration.ZERO;

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
  void scheduledDeletion_windowEnds_keyAndItsAliasesAreGone() {
    KeyMetadata key = newKey(kms);
    String alias1 = uniqueAlias("doomed");
    String alias2 = uniqueAlias("doomed");
    kms.createAlias(r -> r.aliasName(alias1).targetKeyId(key.keyId()));
    kms.createAlias(r -> r.aliasName(alias2).targetKeyId(key.keyId()));
    SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("lost"))).ciphertextBlob();
    kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

    advance(Duration.ofDays(7).minusHours(1));
    server.keywarden().runJobs();
    assertEquals(KeyState.PENDING_DELETION, kms.describeKey(r -> r.keyId(alias1)).keyMetadata().keyState());

    advance(Duration.ofHours(2));
    server.keywarden().runJobs();

    assertKmsError(NotFoundException.class, "NotFoundException", "Key '" + key.arn() + "' does not exist",
        () -> kms.describeKey(r -> r.keyId(key.keyId())));
    assertKmsError(NotFoundException.class, "NotFoundException", "Alias " + aliasArn(alias1) + " is not found.",
        () -> kms.describeKey(r -> r.keyId(alias1)));
    List<String> aliases = kms.listAliasesPaginator(r -> {}).aliases().stream().map(a -> a.aliasName()).toList();
    assertFalse(aliases.contains(alias1) || aliases.contains(alias2), aliases::toString);
    assertFalse(kms.listKeysPaginator(r -> {}).keys().stream().map(KeyListEntry::keyId).toList().contains(key.keyId()));
    assertThrows(KmsException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
    kms.createAlias(r -> r.aliasName(alias1).targetKeyId(newKey(kms).keyId()));
  }

  @Test
  void canceledDeletion_windowEnds_keyIsKept() {
    KeyMetadata key = newKey(kms);
    kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
    kms.cancelKeyDeletion(r -> r.keyId(key.keyId()));

    advance(Duration.ofDays(8));
    server.keywarden().runJobs();

    assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState());
  }

  @Test
  void automaticRotation_periodPasses_rotatesAndEarlierCiphertextsStillDecrypt() {
    KeyMetadata key = newKey(kms);
    kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(90));
    SdkBytes first = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("first"))).ciphertextBlob();

    advance(Duration.ofDays(89));
    server.keywarden().runJobs();
    assertTrue(kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().isEmpty(), "not due yet");

    advance(Duration.ofDays(2));
    server.keywarden().runJobs();
    List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations();
    assertEquals(1, rotations.size());
    assertEquals(RotationType.AUTOMATIC, rotations.get(0).rotationType());
    String second = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().currentKeyMaterialId();
    assertNotEquals(key.currentKeyMaterialId(), second);
    assertEquals(second, rotations.get(0).keyMaterialId());
    assertAbout(serverNow().plus(Duration.ofDays(90)),
        kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).nextRotationDate());
    SdkBytes later = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(utf8("second"))).ciphertextBlob();

    advance(Duration.ofDays(91));
    server.keywarden().runJobs();
    assertEquals(2, kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().size());
    assertEquals("first", kms.decrypt(r -> r.ciphertextBlob(first)).plaintext().asUtf8String());
    assertEquals(key.currentKeyMaterialId(), kms.decrypt(r -> r.ciphertextBlob(first)).keyMaterialId());
    assertEquals("second", kms.decrypt(r -> r.ciphertextBlob(later)).plaintext().asUtf8String());
    assertEquals(second, kms.decrypt(r -> r.ciphertextBlob(later)).keyMaterialId());
  }

  /** A rotation that comes due while the key is disabled waits until it is enabled again. */
  @Test
  void automaticRotation_dueWhileDisabled_happensOnceEnabled() {
    KeyMetadata key = newKey(kms);
    kms.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(90));
    kms.disableKey(r -> r.keyId(key.keyId()));

    advance(Duration.ofDays(91));
    server.keywarden().runJobs();
    assertTrue(kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().isEmpty());

    kms.enableKey(r -> r.keyId(key.keyId()));
    server.keywarden().runJobs();
    assertEquals(1, kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().size());
  }

  @Test
  void keyWithoutAutomaticRotation_isNeverRotated() {
    KeyMetadata key = newKey(kms);

    advance(Duration.ofDays(3000));
    server.keywarden().runJobs();

    assertTrue(kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().isEmpty());
    assertEquals(key.currentKeyMaterialId(),
        kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().currentKeyMaterialId());
  }

  /** AWS managed keys rotate every year. */
  @Test
  void awsManagedKey_rotatesAutomaticallyEveryYear() {
    KeyMetadata key = kms.describeKey(r -> r.keyId("alias/aws/ebs")).keyMetadata();
    assertTrue(kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());
    int before = kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().size();

    advance(Duration.ofDays(366));
    server.keywarden().runJobs();

    assertEquals(before + 1, kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations().size());
  }

  private static void advance(Duration d) {
    server.advance(d);
    advanced = advanced.plus(d);
  }

  private static Instant serverNow() {
    return Instant.now().plus(advanced);
  }

  private static void assertAbout(Instant expected, Instant actual) {
    assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(10)) < 0,
        () -> "expected about " + expected + ", got " + actual);
  }
}
