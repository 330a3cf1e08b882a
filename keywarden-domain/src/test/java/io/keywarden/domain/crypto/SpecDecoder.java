package io.keywarden.domain.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second decoder of version-1 blobs, written from docs/adr/0002-symmetric-ciphertext-format.md
 * alone and sharing no code with the production cipher, so that the ADR and the code cannot drift
 * apart unnoticed.
 */
final class SpecDecoder {
  private SpecDecoder() {}

  static byte[] decrypt(byte[] blob, byte[] material, Map<String, String> context) throws Exception {
    // Layout: version(1) suite(1) L(1) keyId(L) materialId(32) salt(32) iv(12) ciphertext tag(16)
    if (blob[0] != 0x01 || blob[1] != 0x01) {
      throw new IllegalArgumentException("not a version-1 blob");
    }
    int l = blob[2] & 0xff;
    int saltOffset = 3 + l + 32;
    int ivOffset = saltOffset + 32;
    int headerLength = ivOffset + 12;
    byte[] salt = Arrays.copyOfRange(blob, saltOffset, ivOffset);
    byte[] iv = Arrays.copyOfRange(blob, ivOffset, headerLength);

    // HKDF-SHA256: salt = blob salt, IKM = material, info = label || bytes 0 .. salt, L = 32
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes("Keywarden SYMMETRIC_DEFAULT v1".getBytes(StandardCharsets.US_ASCII));
    info.write(blob, 0, saltOffset);
    byte[] key = hkdfSha256(salt, material, info.toByteArray(), 32);

    // AAD = header (bytes 0 .. headerLength) || canonical encryption context
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    gcm.updateAAD(blob, 0, headerLength);
    gcm.updateAAD(canonical(context));
    return gcm.doFinal(blob, headerLength, blob.length - headerLength);
  }

  /** RFC 5869 extract-then-expand. */
  static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    ByteArrayOutputStream okm = new ByteArrayOutputStream();
    byte[] t = new byte[0];
    for (int i = 1; okm.size() < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      okm.writeBytes(t);
    }
    return Arrays.copyOf(okm.toByteArray(), length);
  }

  /** count(u32) then, sorted by unsigned UTF-8 key bytes, len(u32) key len(u32) value. */
  static byte[] canonical(Map<String, String> context) {
    List<byte[][]> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : context.entrySet()) {
      pairs.add(
          new byte[][] {
            e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().getBytes(StandardCharsets.UTF_8)
          });
    }
    pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(pairs.size()).array());
    for (byte[][] p : pairs) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(p[0].length).array());
      out.writeBytes(p[0]);
      out.writeBytes(ByteBuffer.allocate(4).putInt(p[1].length).array());
      out.writeBytes(p[1]);
    }
    return out.toByteArray();
  }
}
