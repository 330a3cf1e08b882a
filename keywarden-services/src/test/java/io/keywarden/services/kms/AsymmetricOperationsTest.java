package io.keywarden.services.kms;

import static io.keywarden.services.kms.KmsHarness.arn;
import static io.keywarden.services.kms.KmsHarness.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

class AsymmetricOperationsTest {
  private final KmsHarness h = new KmsHarness();

  private String key(String spec, String usage) {
    return h.call("CreateKey", "{\"KeySpec\":\"" + spec + "\",\"KeyUsage\":\"" + usage + "\"}")
        .get("KeyMetadata").get("KeyId").asText();
  }

  @Test
  void createKey_asymmetricMetadataListsTheUsagesAlgorithms() {
    JsonNode m = h.call("CreateKey", "{\"KeySpec\":\"RSA_2048\",\"KeyUsage\":\"SIGN_VERIFY\"}").get("KeyMetadata");
    assertEquals("RSA_2048", m.get("KeySpec").asText());
    assertEquals(6, m.get("SigningAlgorithms").size());
    assertFalse(m.has("EncryptionAlgorithms"));
    assertFalse(m.has("CurrentKeyMaterialId"));
    JsonNode hmac = h.call("CreateKey", "{\"KeySpec\":\"HMAC_256\",\"KeyUsage\":\"GENERATE_VERIFY_MAC\"}").get("KeyMetadata");
    assertEquals("[\"HMAC_SHA_256\"]", hmac.get("MacAlgorithms").toString());
    assertEquals("KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048",
        h.error("CreateKey", "{\"KeySpec\":\"RSA_2048\",\"KeyUsage\":\"KEY_AGREEMENT\"}").getMessage());
    assertEquals("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
        h.error("CreateKey", "{\"KeySpec\":\"HMAC_256\"}").getMessage());
  }

  @Test
  void signVerify_ecdsaSignatureVerifiesWithTheJdkAndTheServer() throws Exception {
    String id = key("ECC_NIST_P256", "SIGN_VERIFY");
    JsonNode sig = h.call("Sign", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("hello")
        + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
    assertEquals(arn(id), sig.get("KeyId").asText());
    byte[] signature = Base64.getDecoder().decode(sig.get("Signature").asText());
    byte[] spki = Base64.getDecoder().decode(
        h.call("GetPublicKey", "{\"KeyId\":\"" + id + "\"}").get("PublicKey").asText());
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
    v.update("hello".getBytes());
    assertTrue(v.verify(signature));
    assertTrue(h.call("Verify", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("hello")
        + "\",\"Signature\":\"" + sig.get("Signature").asText() + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}")
        .get("SignatureValid").asBoolean());
    ApiException bad = h.error("Verify", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("other")
        + "\",\"Signature\":\"" + sig.get("Signature").asText() + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
    assertEquals("KMSInvalidSignatureException", bad.code());
    assertNull(bad.getMessage());
  }

  @Test
  void sign_errorsAreAwsRecordedOnes() {
    String id = key("RSA_2048", "SIGN_VERIFY");
    assertEquals("Digest is invalid length for algorithm RSASSA_PSS_SHA_256.",
        h.error("Sign", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("short")
            + "\",\"MessageType\":\"DIGEST\",\"SigningAlgorithm\":\"RSASSA_PSS_SHA_256\"}").getMessage());
    assertEquals("InvalidKeyUsageException", h.error("Sign", "{\"KeyId\":\"" + id + "\",\"Message\":\""
        + b64("m") + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}").code());
    String hmac = key("HMAC_256", "GENERATE_VERIFY_MAC");
    assertEquals(arn(hmac) + " key usage is GENERATE_VERIFY_MAC which is not valid for Sign.",
        h.error("Sign", "{\"KeyId\":\"" + hmac + "\",\"Message\":\"" + b64("m")
            + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}").getMessage());
    String sym = h.createKey();
    assertEquals(arn(sym) + " key usage is ENCRYPT_DECRYPT which is not valid for Verify.",
        h.error("Verify", "{\"KeyId\":\"" + sym + "\",\"Message\":\"" + b64("m")
            + "\",\"Signature\":\"" + b64("s") + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}").getMessage());
    assertEquals(arn(id) + " key usage is SIGN_VERIFY which is not valid for Encrypt.",
        h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"" + b64("m") + "\"}").getMessage());
  }

  @Test
  void rsaEncryptDecrypt_roundTripsAndEnforcesTheRecordedLimit() {
    String id = key("RSA_2048", "ENCRYPT_DECRYPT");
    JsonNode enc = h.call("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"" + b64("secret")
        + "\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}");
    assertEquals("RSAES_OAEP_SHA_256", enc.get("EncryptionAlgorithm").asText());
    assertEquals(256, Base64.getDecoder().decode(enc.get("CiphertextBlob").asText()).length);
    JsonNode dec = h.call("Decrypt", "{\"KeyId\":\"" + id + "\",\"CiphertextBlob\":\""
        + enc.get("CiphertextBlob").asText() + "\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}");
    assertEquals("secret", KmsHarness.text(dec.get("Plaintext").asText()));
    assertFalse(dec.has("KeyMaterialId"));
    String tooLong = Base64.getEncoder().encodeToString(new byte[191]);
    assertEquals("Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.",
        h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"" + tooLong
            + "\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}").getMessage());
    assertEquals("InvalidCiphertextException", h.error("Decrypt", "{\"CiphertextBlob\":\""
        + enc.get("CiphertextBlob").asText() + "\"}").code());
    assertEquals("InvalidKeyUsageException", h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\""
        + b64("x") + "\"}").code());
  }

  @Test
  void mac_generateVerifyAndRecordedErrors() {
    String id = key("HMAC_224", "GENERATE_VERIFY_MAC");
    JsonNode mac = h.call("GenerateMac", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("m")
        + "\",\"MacAlgorithm\":\"HMAC_SHA_224\"}");
    assertEquals(28, Base64.getDecoder().decode(mac.get("Mac").asText()).length);
    assertTrue(h.call("VerifyMac", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("m")
        + "\",\"Mac\":\"" + mac.get("Mac").asText() + "\",\"MacAlgorithm\":\"HMAC_SHA_224\"}").get("MacValid").asBoolean());
    assertEquals("KMSInvalidMacException", h.error("VerifyMac", "{\"KeyId\":\"" + id + "\",\"Message\":\""
        + b64("n") + "\",\"Mac\":\"" + mac.get("Mac").asText() + "\",\"MacAlgorithm\":\"HMAC_SHA_224\"}").code());
    assertEquals("Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.",
        h.error("GenerateMac", "{\"KeyId\":\"" + id + "\",\"Message\":\"" + b64("m")
            + "\",\"MacAlgorithm\":\"HMAC_SHA_256\"}").getMessage());
  }

  @Test
  void deriveSharedSecret_matchesThePeersEcdh() throws Exception {
    String id = key("ECC_NIST_P256", "KEY_AGREEMENT");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    var peer = g.generateKeyPair();
    JsonNode r = h.call("DeriveSharedSecret", "{\"KeyId\":\"" + id + "\",\"KeyAgreementAlgorithm\":\"ECDH\","
        + "\"PublicKey\":\"" + Base64.getEncoder().encodeToString(peer.getPublic().getEncoded()) + "\"}");
    byte[] kmsPublic = Base64.getDecoder().decode(
        h.call("GetPublicKey", "{\"KeyId\":\"" + id + "\"}").get("PublicKey").asText());
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(peer.getPrivate());
    ka.doPhase(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(kmsPublic)), true);
    assertEquals(Base64.getEncoder().encodeToString(ka.generateSecret()), r.get("SharedSecret").asText());
    assertEquals("AWS_KMS", r.get("KeyOrigin").asText());
    assertEquals("ValidationException", h.error("DeriveSharedSecret", "{\"KeyId\":\"" + id
        + "\",\"KeyAgreementAlgorithm\":\"ECDH\",\"PublicKey\":\"" + b64("nope") + "\"}").code());
    String signing = key("ECC_NIST_P256", "SIGN_VERIFY");
    assertEquals(arn(signing) + " key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.",
        h.error("DeriveSharedSecret", "{\"KeyId\":\"" + signing + "\",\"KeyAgreementAlgorithm\":\"ECDH\","
            + "\"PublicKey\":\"" + b64("x") + "\"}").getMessage());
  }

  @Test
  void generateDataKeyPair_privateKeyBlobDecryptsToThePlaintextPrivateKey() {
    String id = h.createKey();
    JsonNode p = h.call("GenerateDataKeyPair", "{\"KeyId\":\"" + id + "\",\"KeyPairSpec\":\"ECC_NIST_P256\","
        + "\"EncryptionContext\":{\"a\":\"b\"}}");
    JsonNode d = h.call("Decrypt", "{\"CiphertextBlob\":\"" + p.get("PrivateKeyCiphertextBlob").asText()
        + "\",\"EncryptionContext\":{\"a\":\"b\"}}");
    assertEquals(p.get("PrivateKeyPlaintext").asText(), d.get("Plaintext").asText());
    JsonNode w = h.call("GenerateDataKeyPairWithoutPlaintext", "{\"KeyId\":\"" + id + "\",\"KeyPairSpec\":\"RSA_2048\"}");
    assertFalse(w.has("PrivateKeyPlaintext"));
    assertTrue(w.has("PublicKey"));
    assertEquals("DryRunOperationException", h.error("GenerateDataKeyPair", "{\"KeyId\":\"" + id
        + "\",\"KeyPairSpec\":\"ECC_NIST_P256\",\"DryRun\":true}").code());
  }

  @Test
  void rotationOfAsymmetricKeys_isUnsupportedWithoutMessage() {
    String id = key("ECC_NIST_P256", "SIGN_VERIFY");
    ApiException e = h.error("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}");
    assertEquals("UnsupportedOperationException", e.code());
    assertNull(e.getMessage());
  }
}
