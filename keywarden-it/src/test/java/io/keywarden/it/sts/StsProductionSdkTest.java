package io.keywarden.it.sts;

import static io.keywarden.it.sts.StsClients.ACCOUNT;
import static io.keywarden.it.sts.StsClients.ALICE;
import static io.keywarden.it.sts.StsClients.ALICE_ARN;
import static io.keywarden.it.sts.StsClients.ROLE_ARN;
import static io.keywarden.it.sts.StsClients.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.storage.Storage;
import io.keywarden.it.TestServer;
import io.keywarden.server.Installation;
import io.keywarden.server.ServerOptions;
import io.keywarden.server.iam.IdentitiesFile;
import io.keywarden.services.identity.declared.ApplyResult;
import io.keywarden.services.identity.declared.DeclaredIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Identities and sessions on a production data directory: identities applied while the server runs
 * (as {@code keywarden iam apply} does, through another connection to the database) are seen within
 * a second; a garbled session token is refused; a user removed from the file can no longer sign;
 * session tokens outlive a restart.
 */
class StsProductionSdkTest {
  private static final String PASSPHRASE = "correct horse battery staple, identities";
  private static final Duration PROPAGATION = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  @TempDir Path files;

  private ApplyResult apply(Path file) throws Exception {
    DeclaredIdentities declared = IdentitiesFile.read(file);
    try (Storage storage = Installation.openStorage(dataDir)) {
      return Installation.applyIdentities(storage, PASSPHRASE.toCharArray(), declared, false);
    }
  }

  private TestServer start() {
    return TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
  }

  /** Retries {@code call} until it stops throwing, for as long as a running server may take to see a change. */
  private static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void identitiesAppliedWhileRunning_sessionsRefusedWhenGarbled_andKeptAcrossRestarts() throws Exception {
    try (Storage storage = Installation.openStorage(dataDir)) {
      Installation.initialize(storage, PASSPHRASE.toCharArray(), ACCOUNT).destroy();
    }
    AwsSessionCredentials session;
    try (TestServer server = start();
        StsClient alice = StsClients.sts(server.endpoint(), ALICE)) {
      StsException unknown = assertThrows(StsException.class, alice::getCallerIdentity);
      assertEquals("InvalidClientTokenId", unknown.awsErrorDetails().errorCode());

      ApplyResult applied = apply(StsClients.identitiesFile());
      assertTrue(applied.changes().contains("+ user 111122223333/alice"), applied.changes().toString());
      assertEquals(ALICE_ARN, eventually(() -> alice.getCallerIdentity().arn()));
      assertFalse(apply(StsClients.identitiesFile()).changed(), "applying twice changes nothing");

      session = StsClients.session(alice.assumeRole(
          r -> r.roleArn(ROLE_ARN).roleSessionName("prod").tags(tags("blue"))).credentials());
      try (StsClient asSession = StsClients.sts(server.endpoint(), session)) {
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/prod", asSession.getCallerIdentity().arn());
      }
      AwsSessionCredentials garbled = StsClients.garbled(session);
      try (StsClient sts = StsClients.sts(server.endpoint(), garbled);
          KmsClient kms = StsClients.kms(server.endpoint(), garbled)) {
        StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
        assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
        KmsException k = assertThrows(KmsException.class, () -> kms.listKeys());
        assertEquals("UnrecognizedClientException", k.awsErrorDetails().errorCode());
      }
    }

    try (TestServer restarted = start();
        StsClient asSession = StsClients.sts(restarted.endpoint(), session);
        StsClient alice = StsClients.sts(restarted.endpoint(), ALICE)) {
      assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/prod", asSession.getCallerIdentity().arn(),
          "the session-token key is in the data directory");

      Path withoutAlice = files.resolve("without-alice.yaml");
      Files.writeString(withoutAlice, Files.readString(StsClients.identitiesFile())
          .replaceAll("(?s)      - name: alice.*?(?=      - name: nobody)", ""));
      ApplyResult removed = apply(withoutAlice);
      assertEquals("- user 111122223333/alice and its 1 access key(s)", removed.changes().get(0));
      assertEquals("InvalidClientTokenId", eventually(() -> {
        try {
          alice.getCallerIdentity();
          throw new IllegalStateException("alice still signs");
        } catch (StsException e) {
          return e.awsErrorDetails().errorCode();
        }
      }));
    }
  }
}
