package io.keywarden.services.kms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Material ids of seeded keys. A ciphertext names its material id, so a seed file that fixes a key's
 * material must fix its material id too, or ciphertexts made before a restart or a reset would not
 * decrypt after it. The id is HMAC-SHA256, keyed by the material, over a label, the region and the
 * key id: stable for the same seed, and telling nothing about the material.
 */
final class SeedMaterialIds {
  private static final byte[] LABEL = "keywarden seed material id v1".getBytes(StandardCharsets.US_ASCII);

  private SeedMaterialIds() {}

  static String of(String region, String keyId, byte[] material) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(material, "HmacSHA256"));
      mac.update(LABEL);
      mac.update((byte) 0);
      mac.update(region.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(keyId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
