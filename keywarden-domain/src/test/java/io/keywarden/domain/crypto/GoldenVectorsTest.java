package io.keywarden.domain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compatibility promise of the ciphertext format: every committed vector decrypts, with the
 * production cipher and with {@link SpecDecoder} (written from the ADR, not from the code).
 */
class GoldenVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void everyVector_decryptsWithTheProductionCipher() throws Exception {
    for (Map<String, Object> v : vectors()) {
      SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob(v));
      assertEquals(v.get("keyId"), parsed.keyId(), name(v));
      assertEquals(v.get("materialId"), parsed.materialId(), name(v));
      byte[] plaintext = SymmetricCipher.decrypt(parsed, material(v), context(v));
      assertArrayEquals(HEX.parseHex((String) v.get("plaintextHex")), plaintext, name(v));
    }
  }

  @Test
  void everyVector_decryptsWithTheSpecReimplementation() throws Exception {
    for (Map<String, Object> v : vectors()) {
      byte[] plaintext =
          SpecDecoder.decrypt(
              blob(v), HEX.parseHex((String) v.get("materialHex")), stringMap(v));
      assertArrayEquals(HEX.parseHex((String) v.get("plaintextHex")), plaintext, name(v));
    }
  }

  @Test
  void everyVector_failsWithAnotherContext() throws Exception {
    for (Map<String, Object> v : vectors()) {
      SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob(v));
      EncryptionContext other = EncryptionContext.of(Map.of("not", "the context"));
      assertThrows(
          InvalidCiphertextException.class,
          () -> SymmetricCipher.decrypt(parsed, material(v), other),
          name(v));
    }
  }

  @Test
  void file_coversTheRequiredCasesAndStatesThePromise() throws Exception {
    Map<String, Object> file = file();
    assertTrue(((String) file.get("comment")).contains("MUST keep decrypting"));
    List<Map<String, Object>> vectors = vectors();
    assertTrue(vectors.stream().anyMatch(v -> stringMap(v).isEmpty()), "empty context");
    assertTrue(vectors.stream().anyMatch(v -> stringMap(v).size() > 3), "multi-entry context");
    assertTrue(
        vectors.stream()
            .anyMatch(v -> stringMap(v).keySet().stream().anyMatch(k -> k.chars().anyMatch(c -> c > 0x7f))),
        "unicode context");
    assertTrue(vectors.stream().anyMatch(v -> ((String) v.get("keyId")).startsWith("mrk-")), "mrk-");
    for (int size : new int[] {0, 1, 4096}) {
      assertTrue(
          vectors.stream().anyMatch(v -> ((String) v.get("plaintextHex")).length() == 2 * size),
          size + "-byte plaintext");
    }
  }

  /** The RFC 5869 HKDF the spec decoder uses, against RFC 5869 test case 1 (A.1). */
  @Test
  void specDecoderHkdf_matchesRfc5869TestCase1() throws Exception {
    byte[] ikm = HEX.parseHex("0b".repeat(22));
    byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
    byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertEquals(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        HEX.formatHex(SpecDecoder.hkdfSha256(salt, ikm, info, 42)));
  }

  /** The spec decoder must refuse what the production cipher refuses (it can fail, too). */
  @Test
  void specDecoder_refusesAFlippedBit() throws Exception {
    Map<String, Object> v = vectors().get(0);
    byte[] blob = blob(v);
    blob[blob.length - 1] ^= 1;
    assertThrows(
        Exception.class,
        () -> SpecDecoder.decrypt(blob, HEX.parseHex((String) v.get("materialHex")), stringMap(v)));
  }

  static Map<String, Object> file() throws IOException {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/symmetric-v1.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      Map<String, Object> file = (Map<String, Object>) GoldenJson.parse(text);
      return file;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> vectors() throws IOException {
    List<Map<String, Object>> vectors = (List<Map<String, Object>>) file().get("vectors");
    assertTrue(vectors.size() >= 6, "vectors missing");
    return vectors;
  }

  private static String name(Map<String, Object> v) {
    return (String) v.get("name");
  }

  private static byte[] blob(Map<String, Object> v) {
    return Base64.getDecoder().decode((String) v.get("blobBase64"));
  }

  private static SymmetricKeyMaterial material(Map<String, Object> v) {
    return SymmetricKeyMaterial.copyOf(HEX.parseHex((String) v.get("materialHex")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(Map<String, Object> v) {
    return (Map<String, String>) (Map<String, ?>) v.get("encryptionContext");
  }

  private static EncryptionContext context(Map<String, Object> v) {
    return EncryptionContext.of(stringMap(v));
  }
}
