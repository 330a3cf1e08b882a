package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.ACCOUNT;
import static io.keywarden.it.sdk.SdkAssertions.aliasArn;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.keyArn;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * AWS managed keys ({@code alias/aws/<service>}): created on first use, readable by the account,
 * usable for cryptography only through their service (kms:ViaService in their key policy), so a
 * direct Encrypt is AccessDeniedException.
 */
class AwsManagedKeysSdkTest {
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
  void describeKey_predefinedAwsAlias_createsTheAwsManagedKeyOnce() {
    KeyMetadata m = kms.describeKey(r -> r.keyId("alias/aws/secretsmanager")).keyMetadata();

    assertEquals(KeyManagerType.AWS, m.keyManager());
    assertEquals(KeyState.ENABLED, m.keyState());
    assertEquals(keyArn(m.keyId()), m.arn());
    assertEquals("Default key that protects my Secrets Manager data when no other key is defined", m.description());
    assertEquals(m, kms.describeKey(r -> r.keyId("alias/aws/secretsmanager")).keyMetadata());
    assertEquals(m, kms.describeKey(r -> r.keyId(aliasArn("alias/aws/secretsmanager"))).keyMetadata());
    AliasListEntry alias = kms.listAliases(r -> r.keyId(m.keyId())).aliases().get(0);
    assertEquals("alias/aws/secretsmanager", alias.aliasName());
    assertEquals(m.keyId(), alias.targetKeyId());
    assertTrue(kms.getKeyRotationStatus(r -> r.keyId(m.keyId())).keyRotationEnabled(), "rotates yearly");
  }

  @Test
  void describeKey_awsAliasThatIsNoPredefinedService_isNotFound() {
    assertKmsError(NotFoundException.class, "NotFoundException",
        "Alias " + aliasArn("alias/aws/not-a-service") + " is not found.",
        () -> kms.describeKey(r -> r.keyId("alias/aws/not-a-service")));
  }

  @Test
  void encrypt_directlyWithAnAwsManagedKey_isAccessDenied() {
    KeyMetadata m = kms.describeKey(r -> r.keyId("alias/aws/ssm")).keyMetadata();

    for (String id : List.of("alias/aws/ssm", m.keyId(), m.arn())) {
      var e = assertKmsError("AccessDeniedException", null, () -> kms.encrypt(r -> r.keyId(id).plaintext(utf8("x"))));
      assertTrue(e.awsErrorDetails().errorMessage().contains(
          "is not authorized to perform: kms:Encrypt on resource: " + m.arn()), e.awsErrorDetails().errorMessage());
    }
    assertKmsError("AccessDeniedException", null, () -> kms.generateDataKey(r -> r.keyId(m.keyId()).numberOfBytes(32)));
  }

  /** The AWS managed key policy lets the account call Describe*, Get* and List* directly, nothing else. */
  @Test
  void awsManagedKey_managementByTheAccount_isAccessDenied_butReadsAreAllowed() throws Exception {
    KeyMetadata m = kms.describeKey(r -> r.keyId("alias/aws/s3")).keyMetadata();

    assertKmsError("AccessDeniedException", null, () -> kms.disableKey(r -> r.keyId(m.keyId())));
    assertKmsError("AccessDeniedException", null,
        () -> kms.scheduleKeyDeletion(r -> r.keyId(m.keyId()).pendingWindowInDays(7)));
    assertKmsError("AccessDeniedException", null, () -> kms.rotateKeyOnDemand(r -> r.keyId(m.keyId())));
    assertKmsError("AccessDeniedException", null,
        () -> kms.tagResource(r -> r.keyId(m.keyId()).tags(Tag.builder().tagKey("k").tagValue("v").build())));

    JsonNode policy = new ObjectMapper().readTree(kms.getKeyPolicy(r -> r.keyId(m.keyId())).policy());
    assertEquals("s3.us-east-1.amazonaws.com",
        policy.path("Statement").get(0).path("Condition").path("StringEquals").path("kms:ViaService").asText());
    assertEquals(ACCOUNT,
        policy.path("Statement").get(0).path("Condition").path("StringEquals").path("kms:CallerAccount").asText());
    kms.listResourceTags(r -> r.keyId(m.keyId()));
    assertEquals(KeyState.ENABLED, kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata().keyState());
  }
}
