package io.keywarden.server.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.kms.KmsService.SeedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a seed file:
 *
 * <pre>
 * accountId: "000000000000"        # optional; default: the dev account
 * region: us-east-1                # optional; default region of the keys below
 * keys:
 *   - keyId: 0b0e3b5c-1d2f-4e5a-8b9c-0d1e2f3a4b5c   # required, a KMS key id (UUID)
 *     region: eu-west-1            # optional
 *     description: "orders key"    # optional
 *     material: base64 of 32 bytes # optional (or materialHex: 64 hex digits); default random
 *     aliases: [alias/orders]      # optional
 *     tags: {team: payments}       # optional
 *   - keyId: ...                   # an asymmetric or HMAC key
 *     keySpec: ECC_NIST_P256       # default SYMMETRIC_DEFAULT
 *     keyUsage: SIGN_VERIFY        # required for every spec but SYMMETRIC_DEFAULT
 *     privateKeyPem: |             # asymmetric: a PKCS#8 PEM private key (BEGIN PRIVATE KEY)
 *       -----BEGIN PRIVATE KEY-----
 *       ...
 *     # HMAC keys take material / materialHex of the spec's length
 * </pre>
 *
 * A file whose name ends in {@code .json} is read as JSON, anything else as YAML (JSON is YAML too).
 */
public final class SeedFile {
  private SeedFile() {}

  public static List<SeedKey> read(Path file, String defaultAccountId, String defaultRegion)
      throws IOException {
    ObjectMapper mapper =
        file.getFileName().toString().endsWith(".json")
            ? new ObjectMapper()
            : new ObjectMapper(new YAMLFactory());
    JsonNode root = mapper.readTree(Files.readAllBytes(file));
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a seed file is a map with a 'keys' list");
    }
    String account = text(root, "accountId", defaultAccountId);
    String region = text(root, "region", defaultRegion);
    List<SeedKey> keys = new ArrayList<>();
    JsonNode list = root.path("keys");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new IllegalArgumentException(file + ": 'keys' must be a list");
    }
    int i = 0;
    for (JsonNode k : list) {
      i++;
      String where = file + ": keys[" + i + "]";
      String keyId = text(k, "keyId", null);
      if (keyId == null) {
        throw new IllegalArgumentException(where + ": keyId is required");
      }
      KeySpec spec = enumValue(KeySpec.class, text(k, "keySpec", "SYMMETRIC_DEFAULT"), where + ".keySpec");
      String usageText = text(k, "keyUsage", spec == KeySpec.SYMMETRIC_DEFAULT ? "ENCRYPT_DECRYPT" : null);
      if (usageText == null) {
        throw new IllegalArgumentException(where + ": keyUsage is required for " + spec + " keys");
      }
      KeyUsage usage = enumValue(KeyUsage.class, usageText, where + ".keyUsage");
      keys.add(
          new SeedKey(
              text(k, "accountId", account),
              text(k, "region", region),
              keyId,
              text(k, "description", ""),
              spec,
              usage,
              material(k, spec, where),
              strings(k.path("aliases"), where + ".aliases"),
              tags(k.path("tags"), where + ".tags")));
    }
    return keys;
  }

  private static byte[] material(JsonNode k, KeySpec spec, String where) {
    String b64 = text(k, "material", null);
    String hex = text(k, "materialHex", null);
    String pem = text(k, "privateKeyPem", null);
    boolean asymmetric = KeySpecs.isAsymmetric(spec);
    if (asymmetric) {
      if (b64 != null || hex != null) {
        throw new IllegalArgumentException(where + ": " + spec + " keys take privateKeyPem, not material");
      }
      return pem == null ? null : Pem.pkcs8(pem, where);
    }
    if (pem != null) {
      throw new IllegalArgumentException(where + ": privateKeyPem is for asymmetric keys");
    }
    if (b64 != null && hex != null) {
      throw new IllegalArgumentException(where + ": give material or materialHex, not both");
    }
    byte[] m;
    try {
      m = b64 != null ? Base64.getDecoder().decode(b64) : hex != null ? HexFormat.of().parseHex(hex) : null;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": material is not valid base64 / hex");
    }
    int expected = spec == KeySpec.SYMMETRIC_DEFAULT ? 32 : KeySpecs.hmacKeyBytes(spec);
    if (m != null && m.length != expected) {
      throw new IllegalArgumentException(where + ": " + spec + " key material must be " + expected + " bytes");
    }
    return m;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": unknown value " + value);
    }
  }

  private static List<String> strings(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(where + " must be a list");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static List<Tag> tags(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(where + " must be a map");
    }
    List<Tag> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(new Tag(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }
}
