package io.keywarden.storage.contract;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.Origin;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.trust.WrappedKey;
import java.time.Instant;
import java.util.List;

/** Records for the contract tests: deterministic, with nanosecond instants and awkward bytes. */
public final class ContractFixtures {
  public static final String ACCOUNT = "111122223333";
  public static final String OTHER_ACCOUNT = "444455556666";
  public static final String REGION = "us-east-1";
  public static final String OTHER_REGION = "eu-west-1";
  /** Nanosecond precision on purpose: stores must not round instants. */
  public static final Instant T0 = Instant.parse("2024-02-29T12:34:56.123456789Z");

  private ContractFixtures() {}

  /** A key id shaped like AWS's (a UUID), distinct and ordered by {@code n}. */
  public static String keyId(int n) {
    return String.format("%08d-0000-4000-8000-%012d", n, n);
  }

  /** 64 lowercase hex characters. */
  public static String materialId(int n) {
    return String.format("%064x", n);
  }

  /** A wrapped blob with every byte value, zero and 0xff included. */
  public static WrappedKey wrapped(int n) {
    byte[] blob = new byte[256 + n];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) (i + n);
    }
    return new WrappedKey("root-" + n, blob);
  }

  /** Every optional field null, every list empty, rotation disabled. */
  public static KeyRecord minimalKey(String accountId, String region, String keyId) {
    return new KeyRecord(
        keyId,
        accountId,
        region,
        "",
        KeySpec.SYMMETRIC_DEFAULT,
        KeyUsage.ENCRYPT_DECRYPT,
        Origin.EXTERNAL,
        KeyManager.CUSTOMER,
        KeyState.PendingImport,
        T0,
        null,
        null,
        "{}",
        List.of(),
        RotationSchedule.DISABLED,
        List.of(),
        null,
        0,
        1);
  }

  public static KeyRecord key(String keyId) {
    return minimalKey(ACCOUNT, REGION, keyId);
  }

  /** Every field set: three material versions, tags, a rotation schedule, a pending deletion. */
  public static KeyRecord fullKey(String accountId, String region, String keyId) {
    List<MaterialVersion> materials =
        List.of(
            new MaterialVersion(materialId(1), T0, null, wrapped(1)),
            new MaterialVersion(
                materialId(2), T0.plusSeconds(86_400).plusNanos(1), RotationType.AUTOMATIC, wrapped(2)),
            new MaterialVersion(
                materialId(3), T0.plusSeconds(172_800), RotationType.ON_DEMAND, wrapped(3)));
    return new KeyRecord(
        keyId,
        accountId,
        region,
        "payments \"prod\" \\ key",
        KeySpec.SYMMETRIC_DEFAULT,
        KeyUsage.ENCRYPT_DECRYPT,
        Origin.AWS_KMS,
        KeyManager.CUSTOMER,
        KeyState.PendingDeletion,
        T0,
        T0.plusSeconds(7 * 86_400).plusNanos(7),
        7,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\"}]}",
        List.of(new Tag("team", "payments"), new Tag("cost-center", ""), new Tag("env", "prod")),
        new RotationSchedule(true, 90, T0.plusSeconds(90L * 86_400).plusNanos(90)),
        materials,
        materialId(2),
        1,
        5);
  }

  public static AliasRecord alias(String accountId, String region, String aliasName, String keyId) {
    return new AliasRecord(accountId, region, aliasName, keyId, T0, T0.plusNanos(1));
  }

  public static AliasRecord alias(String aliasName, String keyId) {
    return alias(ACCOUNT, REGION, aliasName, keyId);
  }

  public static AccessKeyRecord accessKey(String accessKeyId, String accountId, boolean active) {
    return new AccessKeyRecord(
        accessKeyId, accountId, Principal.rootArn(accountId), wrapped(accessKeyId.length()), T0, active);
  }
}
