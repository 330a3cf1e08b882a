package io.keywarden.storage.contract;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
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
import java.util.Map;

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

  /** An IAM user id shaped like AWS's ({@code AIDA} and 17 characters), ordered by {@code n}. */
  public static String userId(int n) {
    return String.format("AIDA%017d", n);
  }

  /** Path {@code /}, no tags, no policies, revision 1. */
  public static IamUser user(String accountId, String userName, String userId) {
    return new IamUser(accountId, userName, userId, "/", T0, List.of(), Map.of(), 1);
  }

  public static IamUser user(String userName, int n) {
    return user(ACCOUNT, userName, userId(n));
  }

  /** Every field set: a path, tags (one empty), two inline policies with awkward text. */
  public static IamUser fullUser(String accountId, String userName, String userId) {
    return new IamUser(
        accountId,
        userName,
        userId,
        "/division/team/",
        T0.plusNanos(11),
        List.of(new Tag("team", "payments"), new Tag("empty", ""), new Tag("clé", "鍵 🔑")),
        Map.of(
            "ReadOnly", "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "Zeta \u00e9 \u0000", "{\"q\":\"\\\"\"}"),
        1);
  }

  /** An IAM role id shaped like AWS's ({@code AROA} and 17 characters). */
  public static String roleId(int n) {
    return String.format("AROA%017d", n);
  }

  /** Path {@code /}, the account as trusted principal, one hour sessions, no tags or policies. */
  public static IamRole role(String accountId, String roleName) {
    return new IamRole(
        accountId,
        roleName,
        roleId(roleName.length()),
        "/",
        T0,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"" + accountId + "\"},\"Action\":\"sts:AssumeRole\"}]}",
        3600,
        List.of(),
        Map.of(),
        1);
  }

  public static IamRole role(String roleName) {
    return role(ACCOUNT, roleName);
  }

  /** Every field set. */
  public static IamRole fullRole(String accountId, String roleName) {
    return new IamRole(
        accountId,
        roleName,
        roleId(99),
        "/service-role/",
        T0.plusNanos(7),
        "{\"Statement\":[{\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}}]}",
        43_200,
        List.of(new Tag("env", "prod"), new Tag("a", "b")),
        Map.of("kms-use", "{\"Action\":\"kms:Decrypt\"}", "b", "{}", "A", "{\"x\":\"\u2028\"}"),
        1);
  }

  /** 64 lowercase hex characters, ordered by {@code n}. */
  public static String grantId(int n) {
    return String.format("%064x", 0x6000 + n);
  }

  /** Every optional field null: no name, no retiring principal, no constraint. */
  public static Grant grant(String region, String keyId, String grantId, Instant created) {
    return new Grant(
        grantId,
        region,
        keyId,
        ACCOUNT,
        null,
        "arn:aws:iam::" + ACCOUNT + ":role/app",
        null,
        List.of("Decrypt"),
        null,
        null,
        "arn:aws:iam::" + ACCOUNT + ":root",
        created);
  }

  public static Grant grant(String keyId, int n) {
    return grant(REGION, keyId, grantId(n), T0);
  }

  /** A grant that {@code retiringPrincipal} may retire. */
  public static Grant retirable(String region, String keyId, int n, String retiringPrincipal) {
    Grant g = grant(region, keyId, grantId(n), T0);
    return new Grant(
        g.grantId(), g.region(), g.keyId(), g.keyAccountId(), g.name(), g.granteePrincipal(),
        retiringPrincipal, g.operations(), null, null, g.issuer(), g.creationDate());
  }

  /** Every field set, with both constraints; {@code emptySubset} makes the subset constraint {}. */
  public static Grant fullGrant(String region, String keyId, String grantId, boolean emptySubset) {
    return new Grant(
        grantId,
        region,
        keyId,
        OTHER_ACCOUNT,
        "payments-\u00e9-grant",
        "arn:aws:iam::" + OTHER_ACCOUNT + ":user/alice",
        "arn:aws:iam::" + OTHER_ACCOUNT + ":role/retirer",
        List.of("GenerateDataKey", "Decrypt", "Encrypt", "RetireGrant"),
        Map.of("Department", "IT", "clé", "鍵 \"q\" \u0000"),
        emptySubset ? Map.of() : Map.of("purpose", "backup", "a", ""),
        "arn:aws:iam::" + ACCOUNT + ":user/admin",
        T0.plusNanos(123));
  }
}
