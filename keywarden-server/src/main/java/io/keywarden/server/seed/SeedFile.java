package io.keywarden.server.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
      keys.add(
          new SeedKey(
              text(k, "accountId", account),
              text(k, "region", region),
              keyId,
              text(k, "description", ""),
              material(k, where),
              strings(k.path("aliases"), where + ".aliases"),
              tags(k.path("tags"), where + ".tags")));
    }
    return keys;
  }

  private static byte[] material(JsonNode k, String where) {
    String b64 = text(k, "material", null);
    String hex = text(k, "materialHex", null);
    if (b64 != null && hex != null) {
      throw new IllegalArgumentException(where + ": give material or materialHex, not both");
    }
    byte[] m;
    try {
      m = b64 != null ? Base64.getDecoder().decode(b64) : hex != null ? HexFormat.of().parseHex(hex) : null;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": material is not valid base64 / hex");
    }
    if (m != null && m.length != 32) {
      throw new IllegalArgumentException(where + ": key material must be 32 bytes");
    }
    return m;
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
