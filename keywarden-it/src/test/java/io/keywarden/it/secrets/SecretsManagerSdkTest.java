package io.keywarden.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Every implemented Secrets Manager operation through the AWS SDK for Java v2, with AWS's error
 * classes, messages and HTTP statuses (the recorded ones from secretsmanager.snapshot.json).
 */
class SecretsManagerSdkTest {
  private static TestServer server;
  private static SecretsManagerClient sm;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    sm = SecretsManagerClient.builder()
        .endpointOverride(server.endpoint())
        .region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stop() {
    sm.close();
    kms.close();
    server.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createGetPutAndVersions() {
    String name = unique("sdk/db");
    CreateSecretResponse created = sm.createSecret(r -> r.name(name).secretString("v1")
        .description("the db").tags(Tag.builder().key("team").value("red").build()));
    assertTrue(created.arn().matches(".*:secret:" + name + "-[A-Za-z0-9]{6}"), created.arn());
    assertNotNull(created.versionId());

    GetSecretValueResponse got = sm.getSecretValue(r -> r.secretId(name));
    assertEquals("v1", got.secretString());
    assertEquals(List.of("AWSCURRENT"), got.versionStages());
    assertEquals(created.arn(), got.arn());
    assertNotNull(got.createdDate());
    assertEquals("v1", sm.getSecretValue(r -> r.secretId(created.arn())).secretString());

    String v2 = sm.putSecretValue(r -> r.secretId(name).secretString("v2")).versionId();
    sm.putSecretValue(r -> r.secretId(name).clientRequestToken(v2).secretString("v2"));
    SecretsManagerException conflict = assertThrows(ResourceExistsException.class,
        () -> sm.putSecretValue(r -> r.secretId(name).clientRequestToken(v2).secretString("v3")));
    assertEquals(400, conflict.statusCode());
    assertEquals("v1", sm.getSecretValue(r -> r.secretId(name).versionStage("AWSPREVIOUS")).secretString());

    DescribeSecretResponse d = sm.describeSecret(r -> r.secretId(name));
    assertEquals("the db", d.description());
    assertEquals(List.of("AWSCURRENT"), d.versionIdsToStages().get(v2));
    assertEquals(List.of("AWSPREVIOUS"), d.versionIdsToStages().get(created.versionId()));
    assertEquals("red", d.tags().get(0).value());
    assertNotNull(d.lastAccessedDate());
    assertEquals(2, sm.listSecretVersionIds(r -> r.secretId(name)).versions().size());

    sm.updateSecretVersionStage(r -> r.secretId(name).versionStage("AWSCURRENT")
        .moveToVersionId(created.versionId()).removeFromVersionId(v2));
    assertEquals("v1", sm.getSecretValue(r -> r.secretId(name)).secretString());

    sm.updateSecret(r -> r.secretId(name).secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
    assertEquals(SdkBytes.fromByteArray(new byte[] {1, 2, 3}),
        sm.getSecretValue(r -> r.secretId(name)).secretBinary());

    sm.tagResource(r -> r.secretId(name).tags(Tag.builder().key("env").value("prod").build()));
    sm.untagResource(r -> r.secretId(name).tagKeys("team"));
    assertEquals("env", sm.describeSecret(r -> r.secretId(name)).tags().get(0).key());
  }

  @Test
  void errors_areAwss() {
    String name = unique("sdk/errors");
    sm.createSecret(r -> r.name(name).secretString("x"));
    ResourceExistsException exists =
        assertThrows(ResourceExistsException.class, () -> sm.createSecret(r -> r.name(name)));
    assertEquals("The operation failed because the secret " + name + " already exists.",
        exists.awsErrorDetails().errorMessage());
    ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
        () -> sm.getSecretValue(r -> r.secretId("no-such-secret")));
    assertEquals("Secrets Manager can't find the specified secret.", missing.awsErrorDetails().errorMessage());
    assertEquals(400, missing.statusCode());
    SecretsManagerException invalid = assertThrows(SecretsManagerException.class,
        () -> sm.createSecret(r -> r.name("Inv Name")));
    assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
    assertThrows(InvalidParameterException.class,
        () -> sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(3L)));
    // RotateSecret is implemented now: without a rotation function it is AWS's InvalidRequestException.
    InvalidRequestException noFunction = assertThrows(InvalidRequestException.class,
        () -> sm.rotateSecret(r -> r.secretId(name)));
    assertEquals("No Lambda rotation function ARN is associated with this secret.",
        noFunction.awsErrorDetails().errorMessage());
  }

  @Test
  void deleteRestoreAndForceDelete() {
    String name = unique("sdk/deleted");
    sm.createSecret(r -> r.name(name).secretString("x"));
    assertNotNull(sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(7L)).deletionDate());
    InvalidRequestException marked = assertThrows(InvalidRequestException.class,
        () -> sm.getSecretValue(r -> r.secretId(name)));
    assertEquals("You can't perform this operation on the secret because it was marked for deletion.",
        marked.awsErrorDetails().errorMessage());
    sm.restoreSecret(r -> r.secretId(name));
    assertEquals("x", sm.getSecretValue(r -> r.secretId(name)).secretString());
    sm.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
    assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(name)));
  }

  @Test
  void listSecrets_filtersAndPages() {
    String prefix = unique("sdk-list");
    for (int i = 0; i < 3; i++) {
      String n = prefix + "/" + i;
      sm.createSecret(r -> r.name(n).secretString("x"));
    }
    Filter byName = Filter.builder().key(FilterNameStringType.NAME).values(prefix + "/").build();
    ListSecretsResponse first = sm.listSecrets(r -> r.filters(byName).maxResults(2));
    assertEquals(2, first.secretList().size());
    ListSecretsResponse second =
        sm.listSecrets(r -> r.filters(byName).maxResults(2).nextToken(first.nextToken()));
    assertEquals(1, second.secretList().size());
    assertEquals(null, second.nextToken());
    List<String> all = sm.listSecretsPaginator(r -> r.filters(byName).maxResults(1)).stream()
        .flatMap(page -> page.secretList().stream()).map(SecretListEntry::name).toList();
    assertEquals(List.of(prefix + "/0", prefix + "/1", prefix + "/2"), all);
  }

  @Test
  void customerKey_disabled_isDecryptionFailure() {
    String keyId = kms.createKey(r -> {}).keyMetadata().keyId();
    String name = unique("sdk/cmk");
    sm.createSecret(r -> r.name(name).secretString("x").kmsKeyId(keyId));
    assertEquals("x", sm.getSecretValue(r -> r.secretId(name)).secretString());
    kms.disableKey(r -> r.keyId(keyId));
    assertThrows(DecryptionFailureException.class, () -> sm.getSecretValue(r -> r.secretId(name)));
  }

  @Test
  void batchGetSecretValue_returnsValuesAndPerSecretErrors() {
    String a = unique("sdk/batch-a");
    String b = unique("sdk/batch-b");
    sm.createSecret(r -> r.name(a).secretString("va"));
    sm.createSecret(r -> r.name(b).secretString("vb"));
    BatchGetSecretValueResponse out = sm.batchGetSecretValue(r -> r.secretIdList(a, "sdk/none", b));
    assertEquals(List.of("va", "vb"),
        out.secretValues().stream().map(SecretValueEntry::secretString).toList());
    assertEquals(1, out.errors().size());
    assertEquals("sdk/none", out.errors().get(0).secretId());
    assertEquals("ResourceNotFoundException", out.errors().get(0).errorCode());
    assertThrows(InvalidParameterException.class, () -> sm.batchGetSecretValue(r -> {}));
  }

  @Test
  void resourcePolicy_putGetDeleteAndBlockPublicPolicy() {
    String name = unique("sdk/policy");
    sm.createSecret(r -> r.name(name).secretString("x"));
    String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
    assertThrows(PublicPolicyException.class,
        () -> sm.putResourcePolicy(r -> r.secretId(name).resourcePolicy(everyone).blockPublicPolicy(true)));
    assertFalse(sm.validateResourcePolicy(r -> r.resourcePolicy(everyone)).policyValidationPassed());
    String account = everyone.replace("\"*\",\"Action", "{\"AWS\":\"" + TestServer.DEV_ACCOUNT
        + "\"},\"Action");
    sm.putResourcePolicy(r -> r.secretId(name).resourcePolicy(account).blockPublicPolicy(true));
    assertEquals(account, sm.getResourcePolicy(r -> r.secretId(name)).resourcePolicy());
    sm.deleteResourcePolicy(r -> r.secretId(name));
    assertEquals(null, sm.getResourcePolicy(r -> r.secretId(name)).resourcePolicy());
  }

  @Test
  void getRandomPassword() {
    String p = sm.getRandomPassword(r -> r.passwordLength(20L).excludePunctuation(true)).randomPassword();
    assertEquals(20, p.length());
    assertTrue(p.matches("[A-Za-z0-9]+"), p);
    assertFalse(p.isBlank());
  }

  @Test
  void purgedAfterTheRecoveryWindow() {
    String name = unique("sdk/purge");
    sm.createSecret(r -> r.name(name).secretString("x"));
    sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(7L));
    server.advance(Duration.ofDays(8));
    assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(name)));
    sm.createSecret(r -> r.name(name).secretString("again"));
    assertEquals("again", sm.getSecretValue(r -> r.secretId(name)).secretString());
  }
}
