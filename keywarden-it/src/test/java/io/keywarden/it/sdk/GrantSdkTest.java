package io.keywarden.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.InvalidGrantTokenException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Grants through the AWS SDK for Java v2: the account root grants a user without any policy the use
 * of a key; the user uses the grant at once with its grant token, within the grant's constraint only,
 * and retires it.
 */
class GrantSdkTest {
  private static final String ACCOUNT = TestServer.DEV_ACCOUNT;
  private static final String GRANTEE = "arn:aws:iam::" + ACCOUNT + ":user/grantee";
  private static final String GRANTEE_KEY = "AKIAGRANTEE000000001";
  private static final String GRANTEE_SECRET = "grantee-secret-0001";

  @TempDir static Path dir;
  private static TestServer server;
  private static KmsClient root;
  private static KmsClient grantee;

  @BeforeAll
  static void start() throws IOException {
    Path identities = dir.resolve("identities.json");
    Files.writeString(identities, "{\"accounts\":[{\"id\":\"" + ACCOUNT + "\",\"users\":[{\"name\":\"grantee\","
        + "\"accessKeys\":[{\"accessKeyId\":\"" + GRANTEE_KEY + "\",\"secretAccessKey\":\""
        + GRANTEE_SECRET + "\"}]}]}]}");
    server = TestServer.start(ServerOptions.devInMemory().withIdentitiesFile(identities));
    root = server.kms();
    grantee = server.kms(GRANTEE_KEY, GRANTEE_SECRET);
  }

  @AfterAll
  static void stop() {
    grantee.close();
    root.close();
    server.close();
  }

  @Test
  void granteeUsesTheGrantTokenAtOnce_withinTheConstraint_thenRetiresTheGrant() {
    String keyId = root.createKey(r -> r.description("granted")).keyMetadata().keyId();
    String arn = root.describeKey(r -> r.keyId(keyId)).keyMetadata().arn();
    Map<String, String> tenant = Map.of("tenant", "blue");
    SdkBytes plaintext = SdkBytes.fromUtf8String("for the grantee");

    KmsException before = assertThrows(KmsException.class,
        () -> grantee.encrypt(r -> r.keyId(arn).plaintext(plaintext).encryptionContext(tenant)));
    assertEquals("AccessDeniedException", before.awsErrorDetails().errorCode());

    CreateGrantResponse grant = root.createGrant(r -> r.keyId(keyId)
        .granteePrincipal(GRANTEE)
        .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT, GrantOperation.RETIRE_GRANT)
        .constraints(c -> c.encryptionContextSubset(tenant))
        .name("sdk-grant"));
    assertTrue(grant.grantId().matches("[0-9a-f]{64}"));

    SdkBytes blob = grantee.encrypt(r -> r.keyId(arn).plaintext(plaintext).encryptionContext(tenant)
        .grantTokens(grant.grantToken())).ciphertextBlob();
    assertEquals(plaintext, grantee.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(tenant)
        .grantTokens(grant.grantToken())).plaintext());
    KmsException outside = assertThrows(KmsException.class, () -> grantee.encrypt(r -> r.keyId(arn)
        .plaintext(plaintext).encryptionContext(Map.of("tenant", "red")).grantTokens(grant.grantToken())));
    assertEquals("AccessDeniedException", outside.awsErrorDetails().errorCode());
    assertThrows(InvalidGrantTokenException.class, () -> grantee.encrypt(r -> r.keyId(arn)
        .plaintext(plaintext).encryptionContext(tenant).grantTokens("not-a-grant-token")));

    // A retry with the same Name and parameters returns the same grant.
    assertEquals(grant.grantId(), root.createGrant(r -> r.keyId(keyId).granteePrincipal(GRANTEE)
        .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT, GrantOperation.RETIRE_GRANT)
        .constraints(c -> c.encryptionContextSubset(tenant)).name("sdk-grant")).grantId());
    List<GrantListEntry> grants = root.listGrants(r -> r.keyId(keyId)).grants();
    assertEquals(1, grants.size());
    assertEquals(GRANTEE, grants.get(0).granteePrincipal());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":root", grants.get(0).issuingAccount());
    assertEquals(tenant, grants.get(0).constraints().encryptionContextSubset());

    grantee.retireGrant(r -> r.grantToken(grant.grantToken()));
    assertTrue(root.listGrants(r -> r.keyId(keyId)).grants().isEmpty());
    KmsException after = assertThrows(KmsException.class,
        () -> grantee.encrypt(r -> r.keyId(arn).plaintext(plaintext).encryptionContext(tenant)));
    assertEquals("AccessDeniedException", after.awsErrorDetails().errorCode());
  }
}
