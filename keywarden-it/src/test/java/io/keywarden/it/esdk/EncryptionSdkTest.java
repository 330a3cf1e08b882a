package io.keywarden.it.esdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import com.amazonaws.encryptionsdk.model.KeyBlob;
import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsResponse;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AwsCryptographicMaterialProvidersException;
import software.amazon.cryptography.materialproviders.model.CollectionOfErrors;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsDiscoveryKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.DiscoveryFilter;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * The AWS Encryption SDK for Java 3.x with AWS KMS keyrings whose KmsClient points at Keywarden:
 * envelope encryption of a 1 MiB message (GenerateDataKey, then Decrypt of the encrypted data key),
 * across on-demand rotations, and through a discovery keyring.
 *
 * <p>The AWS KMS keyring stores GenerateDataKey's KeyId as each data key's provider info, decrypts
 * only data keys whose provider info is its own key ARN, and refuses a Decrypt answer whose KeyId
 * is not that ARN; a discovery keyring needs an ARN there too. These tests pass only if Keywarden
 * answers with the full key ARN, and the last two show that the SDK would notice if it did not.
 */
class EncryptionSdkTest {
  private static final int ONE_MIB = 1 << 20;
  private static final Map<String, String> CONTEXT =
      Map.of("purpose", "esdk-test", "tenant", "ünïcødé");

  private final MaterialProviders materialProviders =
      MaterialProviders.builder()
          .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
          .build();
  private final AwsCrypto crypto =
      AwsCrypto.builder()
          .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
          .build();

  private final List<KmsClient> extraClients = new ArrayList<>();
  private TestServer server;
  private KmsClient kms;

  @BeforeEach
  void start() {
    server = TestServer.dev();
    kms = server.kms();
  }

  @AfterEach
  void stop() {
    extraClients.forEach(KmsClient::close);
    kms.close();
    server.close();
  }

  @Test
  void oneMebibyte_throughTheAwsKmsKeyring_roundTripsWithItsContext() {
    KeyMetadata key = createKey();
    IKeyring keyring = kmsKeyring(key.arn());
    byte[] plaintext = randomBytes(ONE_MIB);

    CryptoResult<byte[], ?> encrypted = crypto.encryptData(keyring, plaintext, CONTEXT);
    byte[] message = encrypted.getResult();

    List<KeyBlob> dataKeys = new ParsedCiphertext(message).getEncryptedKeyBlobs();
    assertEquals(1, dataKeys.size());
    assertEquals("aws-kms", dataKeys.get(0).getProviderId());
    assertEquals(key.arn(), new String(dataKeys.get(0).getProviderInformation(), StandardCharsets.UTF_8));

    CryptoResult<byte[], ?> decrypted = crypto.decryptData(keyring, message, CONTEXT);
    assertArrayEquals(plaintext, decrypted.getResult());
    assertTrue(decrypted.getEncryptionContext().entrySet().containsAll(CONTEXT.entrySet()),
        () -> "context " + decrypted.getEncryptionContext());
  }

  @Test
  void messageTamperedWith_failsToDecrypt() {
    IKeyring keyring = kmsKeyring(createKey().arn());
    byte[] message = crypto.encryptData(keyring, randomBytes(4096), CONTEXT).getResult();
    message[message.length - 200] ^= 1; // a byte of the body

    assertThrows(BadCiphertextException.class, () -> crypto.decryptData(keyring, message));
  }

  @Test
  void afterTwoOnDemandRotations_theOldMessageDecrypts_andNewMessagesUseTheNewMaterial() {
    KeyMetadata key = createKey();
    IKeyring keyring = kmsKeyring(key.arn());
    byte[] oldPlaintext = randomBytes(ONE_MIB);
    byte[] oldMessage = crypto.encryptData(keyring, oldPlaintext, CONTEXT).getResult();
    String originalMaterial = materialOf(oldMessage);

    kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()));
    assertArrayEquals(oldPlaintext, crypto.decryptData(keyring, oldMessage, CONTEXT).getResult());
    kms.rotateKeyOnDemand(r -> r.keyId(key.arn()));
    assertArrayEquals(oldPlaintext, crypto.decryptData(keyring, oldMessage, CONTEXT).getResult());

    List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(key.keyId())).rotations();
    assertEquals(2, rotations.size(), rotations::toString);
    String current =
        rotations.stream()
            .filter(r -> "CURRENT".equals(r.keyMaterialStateAsString()))
            .map(RotationsListEntry::keyMaterialId)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CURRENT material in " + rotations));

    byte[] newPlaintext = randomBytes(ONE_MIB);
    byte[] newMessage = crypto.encryptData(keyring, newPlaintext, CONTEXT).getResult();
    assertEquals(current, materialOf(newMessage), "a new message's data key is under the current material");
    assertNotEquals(originalMaterial, current);
    assertArrayEquals(newPlaintext, crypto.decryptData(keyring, newMessage, CONTEXT).getResult());
    assertArrayEquals(oldPlaintext, crypto.decryptData(keyring, oldMessage, CONTEXT).getResult());
  }

  @Test
  void discoveryKeyring_forTheKeysAccount_decrypts_andForAnotherAccount_doesNot() {
    KeyMetadata key = createKey();
    byte[] plaintext = randomBytes(ONE_MIB);
    byte[] message = crypto.encryptData(kmsKeyring(key.arn()), plaintext, CONTEXT).getResult();

    IKeyring discovery = discoveryKeyring(TestServer.DEV_ACCOUNT);
    assertArrayEquals(plaintext, crypto.decryptData(discovery, message, CONTEXT).getResult());

    IKeyring otherAccount = discoveryKeyring("111122223333");
    AwsCryptographicMaterialProvidersException e =
        assertThrows(AwsCryptographicMaterialProvidersException.class,
            () -> crypto.decryptData(otherAccount, message));
    assertTrue(e.getMessage().contains("No Encrypted Data Keys found to match"), e::getMessage);
  }

  /**
   * Why the full ARN matters: the keyring records GenerateDataKey's KeyId as the data key's provider
   * info. A KMS answering the bare key id (rewritten here on its way into the SDK) yields messages
   * that neither the keyring for the key's ARN nor a discovery keyring will decrypt.
   */
  @Test
  void generateDataKeyAnsweringABareKeyId_makesMessagesNoKeyringDecrypts() {
    KeyMetadata key = createKey();
    KmsClient rewriting = rewritingKeyId(GenerateDataKeyResponse.class, key.keyId());
    IKeyring bareKeyring =
        materialProviders.CreateAwsKmsKeyring(
            CreateAwsKmsKeyringInput.builder().kmsKeyId(key.arn()).kmsClient(rewriting).build());
    byte[] message = crypto.encryptData(bareKeyring, randomBytes(16), CONTEXT).getResult();
    assertEquals(key.keyId(), new String(
        new ParsedCiphertext(message).getEncryptedKeyBlobs().get(0).getProviderInformation(),
        StandardCharsets.UTF_8));

    for (IKeyring keyring : List.of(kmsKeyring(key.arn()), discoveryKeyring(TestServer.DEV_ACCOUNT))) {
      AwsCryptographicMaterialProvidersException e =
          assertThrows(AwsCryptographicMaterialProvidersException.class,
              () -> crypto.decryptData(keyring, message));
      assertEquals("Malformed arn: " + key.keyId(), e.getMessage());
    }
  }

  /** The keyring refuses a Decrypt answer whose KeyId is not the ARN it asked for. */
  @Test
  void decryptAnsweringABareKeyId_isRefusedByTheKeyring() {
    KeyMetadata key = createKey();
    byte[] message = crypto.encryptData(kmsKeyring(key.arn()), randomBytes(16), CONTEXT).getResult();
    KmsClient rewriting = rewritingKeyId(DecryptResponse.class, key.keyId());
    IKeyring bareKeyring =
        materialProviders.CreateAwsKmsKeyring(
            CreateAwsKmsKeyringInput.builder().kmsKeyId(key.arn()).kmsClient(rewriting).build());

    CollectionOfErrors e =
        assertThrows(CollectionOfErrors.class, () -> crypto.decryptData(bareKeyring, message));
    assertEquals(1, e.list().size(), e::getMessage);
    assertEquals("Invalid response from KMS Decrypt", e.list().get(0).getMessage());
  }

  /** A client of the test server that replaces the KeyId of one kind of response. */
  private KmsClient rewritingKeyId(Class<? extends KmsResponse> responseType, String keyId) {
    ExecutionInterceptor rewrite =
        new ExecutionInterceptor() {
          @Override
          public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            SdkResponse r = context.response();
            if (r instanceof GenerateDataKeyResponse g && responseType.isInstance(r)) {
              return g.toBuilder().keyId(keyId).build();
            }
            if (r instanceof DecryptResponse d && responseType.isInstance(r)) {
              return d.toBuilder().keyId(keyId).build();
            }
            return r;
          }
        };
    KmsClient client =
        KmsClient.builder()
            .endpointOverride(server.endpoint())
            .region(TestServer.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAESDKTEST", "any-secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(rewrite))
            .build();
    extraClients.add(client);
    return client;
  }

  private KeyMetadata createKey() {
    return kms.createKey(r -> r.description("Encryption SDK test key")).keyMetadata();
  }

  private IKeyring kmsKeyring(String keyArn) {
    return materialProviders.CreateAwsKmsKeyring(
        CreateAwsKmsKeyringInput.builder().kmsKeyId(keyArn).kmsClient(kms).build());
  }

  private IKeyring discoveryKeyring(String account) {
    return materialProviders.CreateAwsKmsDiscoveryKeyring(
        CreateAwsKmsDiscoveryKeyringInput.builder()
            .kmsClient(kms)
            .discoveryFilter(DiscoveryFilter.builder().accountIds(List.of(account)).partition("aws").build())
            .build());
  }

  /**
   * The KMS key material behind a message's data key: Decrypt of its encrypted data key, with the
   * message's whole encryption context (which the SDK extends, e.g. with its signing public key).
   */
  private String materialOf(byte[] message) {
    ParsedCiphertext parsed = new ParsedCiphertext(message);
    byte[] dataKey = parsed.getEncryptedKeyBlobs().get(0).getEncryptedDataKey();
    return kms.decrypt(
            r -> r.ciphertextBlob(SdkBytes.fromByteArray(dataKey))
                .encryptionContext(parsed.getEncryptionContextMap()))
        .keyMaterialId();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
