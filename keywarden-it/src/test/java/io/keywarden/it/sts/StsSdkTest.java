package io.keywarden.it.sts;

import static io.keywarden.it.sts.StsClients.ACCOUNT;
import static io.keywarden.it.sts.StsClients.ALICE;
import static io.keywarden.it.sts.StsClients.ALICE_ARN;
import static io.keywarden.it.sts.StsClients.NOBODY;
import static io.keywarden.it.sts.StsClients.ROLE_ARN;
import static io.keywarden.it.sts.StsClients.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS through the AWS SDK for Java v2 against a dev server started with an identities file: a user's
 * fixed access key, {@code StsAssumeRoleCredentialsProvider} with session tags feeding KMS calls, the
 * role's trust policy conditions, and expired sessions.
 */
class StsSdkTest {
  private static TestServer server;
  private static String keyId;

  @BeforeAll
  static void start() {
    server = TestServer.dev(o -> o.withIdentitiesFile(StsClients.identitiesFile()));
    try (KmsClient alice = StsClients.kms(server.endpoint(), ALICE)) {
      keyId = alice.createKey(r -> r.description("sts tests")).keyMetadata().keyId();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void getCallerIdentity_asAUserWithItsFixedKey() {
    try (StsClient sts = StsClients.sts(server.endpoint(), ALICE)) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertEquals(ACCOUNT, me.account());
      assertEquals(ALICE_ARN, me.arn());
      assertTrue(me.userId().matches("AIDA[A-Z2-7]{17}"), me.userId());
    }
  }

  @Test
  void assumeRoleProvider_withSessionTags_signsKmsCallsAsTheSession() {
    try (StsClient sts = StsClients.sts(server.endpoint(), ALICE);
        StsAssumeRoleCredentialsProvider role =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(ROLE_ARN).roleSessionName("build-7").tags(tags("blue")))
                .build();
        KmsClient kms = StsClients.kms(server.endpoint(), role);
        StsClient asSession = StsClients.sts(server.endpoint(), role)) {
      GetCallerIdentityResponse me = asSession.getCallerIdentity();
      assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/build-7", me.arn());
      assertTrue(me.userId().matches("AROA[A-Z2-7]{17}:build-7"), me.userId());
      assertEquals(ACCOUNT, me.account());

      // The role's policy allows Encrypt and Decrypt to sessions tagged team=blue (a session tag)
      // and env=test (the role's tag).
      SdkBytes blob = kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("tagged")))
          .ciphertextBlob();
      assertEquals("tagged", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
      KmsException denied = assertThrows(KmsException.class,
          () -> kms.generateDataKey(r -> r.keyId(keyId).numberOfBytes(32)));
      assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
    }
  }

  @Test
  void trustPolicyCondition_refusesASessionTagOtherThanTheCallersTag() {
    try (StsClient sts = StsClients.sts(server.endpoint(), ALICE)) {
      StsException red = assertThrows(StsException.class, () -> sts.assumeRole(
          r -> r.roleArn(ROLE_ARN).roleSessionName("red").tags(tags("red"))));
      assertEquals(403, red.statusCode());
      assertEquals("AccessDenied", red.awsErrorDetails().errorCode());
      assertEquals("User: " + ALICE_ARN + " is not authorized to perform: sts:AssumeRole on resource: "
          + ROLE_ARN, red.awsErrorDetails().errorMessage());
    }
    try (StsClient nobody = StsClients.sts(server.endpoint(), NOBODY)) {
      StsException e = assertThrows(StsException.class, () -> nobody.assumeRole(
          r -> r.roleArn(ROLE_ARN).roleSessionName("nobody").tags(tags("blue"))));
      assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), "the trust policy delegates to IAM");
    }
  }

  @Test
  void anyOtherCredentials_actAsTheDevRoot_whichMayNotAssumeRoles() {
    try (StsClient sts = StsClients.sts(server.endpoint(), AwsBasicCredentials.create("test", "test"))) {
      assertEquals("arn:aws:iam::" + TestServer.DEV_ACCOUNT + ":root", sts.getCallerIdentity().arn());
      StsException e = assertThrows(StsException.class,
          () -> sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("root")));
      assertEquals("Roles may not be assumed by root accounts.", e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void expiredSession_isRefusedWithExpiredToken() {
    AssumeRoleResponse assumed;
    try (StsClient sts = StsClients.sts(server.endpoint(), ALICE)) {
      assumed = sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("short").durationSeconds(900)
          .tags(tags("blue")));
    }
    Instant expiration = assumed.credentials().expiration();
    assertTrue(Duration.between(Instant.now(), expiration).toSeconds() <= 900);
    AwsSessionCredentials session = StsClients.session(assumed.credentials());
    try (StsClient sts = StsClients.sts(server.endpoint(), session);
        KmsClient kms = StsClients.kms(server.endpoint(), session)) {
      assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/short", sts.getCallerIdentity().arn());

      server.advance(Duration.ofMinutes(16));

      StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
      assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
      assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
      KmsException k = assertThrows(KmsException.class, () -> kms.describeKey(r -> r.keyId(keyId)));
      assertEquals("ExpiredTokenException", k.awsErrorDetails().errorCode());
    }
  }
}
