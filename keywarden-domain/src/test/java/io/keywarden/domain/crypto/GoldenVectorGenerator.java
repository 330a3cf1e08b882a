package io.keywarden.domain.crypto;

import io.keywarden.domain.key.MaterialIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wrote {@code src/test/resources/golden/symmetric-v1.json} once. Not a test, and not to be re-run to
 * "fix" a failing {@link GoldenVectorsTest}: the committed vectors are the compatibility promise, a
 * failure means the format changed. Run by hand only to add vectors for a new format version, into a
 * new file:
 *
 * <pre>
 * mvn -o -q -pl keywarden-domain test-compile
 * java -cp keywarden-domain/target/classes:keywarden-domain/target/test-classes \
 *     io.keywarden.domain.crypto.GoldenVectorGenerator /tmp/symmetric-vN.json
 * </pre>
 */
public final class GoldenVectorGenerator {
  static final String COMMENT =
      "Golden vectors of the Keywarden SYMMETRIC_DEFAULT ciphertext blob, format version 1"
          + " (docs/adr/0002-symmetric-ciphertext-format.md). Every blob here MUST keep decrypting,"
          + " with its material and encryption context, to its plaintext in every later release of"
          + " Keywarden: customers hold such ciphertexts. Never regenerate or edit this file; a new"
          + " format gets a new version byte and a new file of vectors.";

  private GoldenVectorGenerator() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "symmetric-v1.json");
    List<String> vectors = new ArrayList<>();
    String uuid = "0b9d1c8e-4f2a-4c6e-9a7d-3e5f1b2c4d6a";
    vectors.add(vector("empty context, 1-byte plaintext", uuid, Map.of(), new byte[] {0x4b}));
    vectors.add(
        vector(
            "one-entry context",
            uuid,
            Map.of("purpose", "golden vector"),
            "Keywarden golden vector".getBytes(StandardCharsets.US_ASCII)));
    Map<String, String> unicode = new LinkedHashMap<>();
    unicode.put("Department", "S\u00e9curit\u00e9");
    unicode.put("\u65e5\u672c\u8a9e", "\u5024");
    unicode.put("key \ud83d\udd11", "\ud83d\udddd\ufe0f");
    unicode.put("\uff21", "fullwidth A sorts before the emoji in UTF-8, after it in UTF-16");
    unicode.put("a", "b=c");
    unicode.put("a=b", "c");
    unicode.put("", "empty key");
    vectors.add(vector("multi-entry unicode context", uuid, unicode, Randomness.bytes(32)));
    vectors.add(
        vector(
            "multi-Region key id",
            "mrk-5d8e2f3a1b4c4d6e8f9a0b1c2d3e4f5a",
            Map.of("aws:kms:region", "eu-west-1", "tenant", "42"),
            Randomness.bytes(64)));
    vectors.add(
        vector(
            "4096-byte plaintext (KMS Encrypt maximum)",
            "7f3e2d1c-0b9a-4876-a543-210fedcba987",
            Map.of("size", "max"),
            Randomness.bytes(4096)));
    vectors.add(
        vector(
            "0-byte plaintext (below KMS's minimum; the cipher accepts it)",
            uuid,
            Map.of("empty", "plaintext"),
            new byte[0]));
    String json =
        "{\n  \"comment\": "
            + GoldenJson.quote(COMMENT)
            + ",\n  \"format\": \"Keywarden SYMMETRIC_DEFAULT blob v1 (version 0x01, suite 0x01)\""
            + ",\n  \"vectors\": [\n"
            + String.join(",\n", vectors)
            + "\n  ]\n}\n";
    Files.writeString(out, json, StandardCharsets.US_ASCII);
    System.out.println("wrote " + vectors.size() + " vectors to " + out);
  }

  private static String vector(String name, String keyId, Map<String, String> context, byte[] plaintext) {
    String materialId = MaterialIds.random();
    SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();
    byte[] blob =
        SymmetricCipher.encrypt(keyId, materialId, material, plaintext, EncryptionContext.of(context));
    HexFormat hex = HexFormat.of();
    StringBuilder ctx = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
      ctx.append(ctx.length() > 1 ? ", " : "")
          .append(GoldenJson.quote(e.getKey()))
          .append(": ")
          .append(GoldenJson.quote(e.getValue()));
    }
    ctx.append('}');
    return "    {\n"
        + "      \"name\": " + GoldenJson.quote(name) + ",\n"
        + "      \"keyId\": " + GoldenJson.quote(keyId) + ",\n"
        + "      \"materialId\": " + GoldenJson.quote(materialId) + ",\n"
        + "      \"materialHex\": \"" + hex.formatHex(material.copyBytes()) + "\",\n"
        + "      \"encryptionContext\": " + ctx + ",\n"
        + "      \"plaintextHex\": \"" + hex.formatHex(plaintext) + "\",\n"
        + "      \"blobBase64\": \"" + Base64.getEncoder().encodeToString(blob) + "\"\n"
        + "    }";
  }
}
